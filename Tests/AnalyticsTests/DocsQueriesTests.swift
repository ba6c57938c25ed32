import Foundation
import Testing

@testable import Analytics

/// The ten example queries in config/analytics/README.md run against a populated database.
@Suite struct DocsQueriesTests {
    static let readme = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("config/analytics/README.md")

    /// The bodies of the ```sql blocks, in order.
    static func queries() throws -> [String] {
        let text = try String(contentsOf: readme, encoding: .utf8)
        var queries: [String] = []
        var current: [Substring]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line == "```sql" {
                current = []
            } else if current != nil, line == "```" {
                queries.append(current?.joined(separator: "\n") ?? "")
                current = nil
            } else {
                current?.append(line)
            }
        }
        return queries
    }

    @Test func readmeHasTenQueriesAndEachReturnsRows() throws {
        let queries = try Self.queries()
        #expect(queries.count == 10)
        let dir = try TemporaryDirectory()
        let store = try AnalyticsStore(settings: Fixtures.settings(dir))
        // Recent data (three days ago), so "this week" and "last 30 days" windows include it.
        let base = AnalyticsStore.nowMilliseconds() - 3 * Fixtures.day
        let runs = (0..<300).map { Fixtures.run($0, base: base) }
        #expect(store.write(runs).allSatisfy { (try? $0.get()) != nil })
        let db = try Database(path: dir.file("analytics.db"), readOnly: true)
        for (number, sql) in queries.enumerated() {
            let rows = try db.query(sql)
            #expect(!rows.isEmpty, "query \(number + 1) returned no rows")
        }

        // Spot checks against the data that went in.
        let mostUsed = try db.query(queries[3])
        let totalCalls = runs.reduce(0) { $0 + $1.toolCalls.count }
        #expect(mostUsed.reduce(0) { $0 + ($1[1].int64 ?? 0) } == Int64(totalCalls))
        let repair = try db.query(queries[4])
        let queryRuns = runs.filter { $0.kind == "query" }
        #expect(repair.reduce(0) { $0 + ($1[1].int64 ?? 0) } == Int64(queryRuns.count))
        #expect(repair.reduce(0) { $0 + ($1[2].int64 ?? 0) } == Int64(queryRuns.filter { $0.repairs > 0 }.count))
        let errors = try db.query(queries[1])
        let failedCalls = runs.flatMap(\.toolCalls).filter { $0.status != "ok" }.count
        #expect(errors.reduce(0) { $0 + ($1[2].int64 ?? 0) } == Int64(failedCalls))
    }

    @Test func percentilesInTheRollupViewAreNearestRank() throws {
        let dir = try TemporaryDirectory()
        let store = try AnalyticsStore(settings: Fixtures.settings(dir))
        // One tool, one day, durations 1...20 ms: nearest-rank p50 = 10, p95 = 19.
        let start: Int64 = 1_763_000_000_000
        let calls = (1...20).map {
            ToolCallRecord(tool: "t.x", startedAt: start, durationMilliseconds: Double(21 - $0), status: $0 <= 2 ? "error" : "ok")
        }
        _ = store.write([RunRecord(id: "r", kind: "plan_run", startedAt: start, status: "ok", toolCalls: calls)])
        let db = try Database(path: dir.file("analytics.db"), readOnly: true)
        let row = try #require(try db.query("SELECT calls, errors, error_rate, p50_ms, p95_ms FROM daily_tool_stats WHERE tool = 't.x'").first)
        #expect(row == [.integer(20), .integer(2), .real(0.1), .real(10), .real(19)])
    }
}
