import Analytics
import CurlHTTP
import Foundation
import Identifiers
import TestKit
import Testing

/// Analytics in the real `quiver serve`: `/v1/runs` over analytics.db, `/metrics` with every stage metric
/// passing promtool, and `quiver analytics backup|check` on the live database.
@Suite(.serialized) struct AnalyticsServeTests {
    final class DataDir: @unchecked Sendable {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("quiver-data-\(UUID().uuidString)").path
        func file(_ name: String) -> String { path + "/" + name }
        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    /// Writes `count` runs into `<dir>/analytics.db` the way the service would.
    static func seed(_ dir: DataDir, count: Int) throws {
        let store = try AnalyticsStore(settings: AnalyticsSettings.inDataDirectory(dir.path))
        // Recent: the service's retention pass at start deletes runs older than analytics.retention_days.
        let base = Int64(Date().timeIntervalSince1970 * 1000) - 60_000
        var runs: [RunRecord] = []
        for i in 0..<count {
            let start: Int64 = base + Int64(i)
            let status: String = i % 4 == 0 ? "error" : "ok"
            let call = ToolCallRecord(tool: "math.add", startedAt: start, durationMilliseconds: 1, status: "ok")
            runs.append(RunRecord(id: "seed-\(i)", kind: "plan_run", startedAt: start, finishedAt: start + 5, status: status, toolCalls: [call]))
        }
        #expect(store.write(runs).allSatisfy { (try? $0.get()) != nil })
    }

    static func runs(in path: String) throws -> Int {
        let store = try AnalyticsStore(settings: AnalyticsSettings(path: path))
        var total = 0
        var cursor: String?
        repeat {
            let page = try store.listRuns(RunListQuery(limit: 200, cursor: cursor))
            total += page.runs.count
            cursor = page.nextCursor
        } while cursor != nil
        return total
    }

    @Test func runsMetricsAndBackupOfTheLiveDatabase() async throws {
        let dir = DataDir()
        try Self.seed(dir, count: 30)
        let config = try emptyConfigFile()
        defer { try? FileManager.default.removeItem(atPath: config) }
        let catalog = QuiverProcess.packageRoot.appendingPathComponent("catalog").path
        let quiver = try QuiverProcess([
            "serve", "--config", config, "--port", "0", "--log-format", "json", "--data-dir", dir.path, "--catalog", catalog,
        ])
        let port = try await quiver.waitForPort()
        let base = "http://127.0.0.1:\(port)"
        let client = try CurlClient()
        defer { client.shutdown() }

        let ready = try await client.get(base + "/ready")
        #expect(ready.status == 200)
        #expect(ready.text.contains(#""name":"analytics""#), "\(ready.text)")

        let page = try await client.get(base + "/v1/runs?limit=10&status=ok")
        #expect(page.status == 200)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(page.text.utf8)) as? [String: Any])
        #expect((body["runs"] as? [Any])?.count == 10)
        #expect(body["next_cursor"] is String)
        let one = try await client.get(base + "/v1/runs/seed-3")
        #expect(one.status == 200 && one.text.contains(#""tool":"math.add""#))
        let missing = try await client.get(base + "/v1/runs/nope")
        #expect(missing.status == 404 && missing.text.contains(#""type":"not_found""#))
        let bad = try await client.get(base + "/v1/runs?cursor=zzz")
        #expect(bad.status == 400 && bad.text.contains(#""field":"cursor""#))

        // A plan run is recorded end to end: it shows up in /v1/runs with its request id and tool calls.
        let plan = #"{"plan": "let s = math_add(a: input.x, b: 2);\nlet p = math_multiply(a: s, b: 3);\nreturn {\"sum\": s, \"product\": p};", "input": {"x": 40}}"#
        let ran = try await client.post(
            base + "/v1/plans/run", headers: [("Content-Type", "application/json"), ("X-Request-Id", "e2e-plan-1")], body: Array(plan.utf8))
        #expect(ran.status == 200, "\(ran.text)")
        #expect(ran.text.contains("126"), "\(ran.text)")
        var newest: [String: Any] = [:]
        for _ in 0..<100 {
            let list = try await client.get(base + "/v1/runs?limit=1")
            let page = try JSONSerialization.jsonObject(with: Data(list.text.utf8)) as? [String: Any]
            newest = (page?["runs"] as? [[String: Any]])?.first ?? [:]
            if newest["request_id"] as? String == "e2e-plan-1" { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(newest["request_id"] as? String == "e2e-plan-1")
        #expect(newest["kind"] as? String == "plan_run")
        #expect(newest["status"] as? String == "ok")
        #expect(newest["tool_call_count"] as? Int == 2)
        let runID = try #require(newest["id"] as? String)
        let trace = try await client.get(base + "/v1/runs/\(runID)")
        let detail = try #require(try JSONSerialization.jsonObject(with: Data(trace.text.utf8)) as? [String: Any])
        let calls = (detail["tool_calls"] as? [[String: Any]] ?? []).compactMap { $0["tool"] as? String }
        #expect(calls == ["math_add", "math_multiply"])
        #expect((detail["plan_text"] as? String)?.contains("math_add") == true)
        // The run is built after the plan ran, from the start time taken first: the id carries that time.
        let startedAt = try #require(detail["started_at"] as? Int)
        #expect(TimeOrderedID.milliseconds(of: runID, prefix: "run_") == UInt64(startedAt))
        #expect((detail["finished_at"] as? Int).map { $0 >= startedAt } == true)

        let metrics = try await client.get(base + "/metrics")
        #expect(metrics.text.contains(#"quiver_tool_calls_total{tool="math_add",status="ok"} 1"#), "\(metrics.text)")
        #expect(metrics.text.contains("quiver_overhead_duration_seconds_count 1"))
        #expect(metrics.text.contains(#"quiver_analytics_runs_written_total 1"#))
        for name in [
            "quiver_requests_total", "quiver_request_duration_seconds", "quiver_search_duration_seconds", "quiver_plan_repairs_total",
            "quiver_sandbox_limit_exceeded_total", "quiver_overhead_duration_seconds", "quiver_analytics_queue_depth",
            "quiver_analytics_dropped_total", "quiver_analytics_write_duration_seconds",
        ] {
            #expect(metrics.text.contains("# HELP \(name) "), "\(name) missing from /metrics")
        }
        #expect(metrics.text.contains(#"quiver_requests_total{route="/v1/runs/{id}",method="GET",status="404"} 1"#))
        #expect(metrics.text.contains(#"quiver_sandbox_limit_exceeded_total{limit="maxToolCalls"} 0"#))
        if let promtool = ServeProcessTests.promtool {
            let (status, output) = try runChildProcess(promtool, ["check", "metrics"], stdin: metrics.text)
            #expect(status == 0, "promtool: \(output)")
        } else {
            Issue.record("promtool is not installed (apt-get install prometheus)")
        }

        // Backup while the service runs: a consistent copy with every run; check says ok.
        let copy = dir.file("backup/copy.db")
        try FileManager.default.createDirectory(atPath: dir.file("backup"), withIntermediateDirectories: true)
        let backup = try QuiverProcess(["analytics", "backup", copy, "--config", config, "--data-dir", dir.path])
        #expect(try await backup.waitForExit() == 0, "\(backup.stderr)")
        #expect(backup.stdout.contains("integrity_check ok"))
        #expect(try Self.runs(in: copy) == 31)  // 30 seeded + the plan run
        let again = try QuiverProcess(["analytics", "backup", copy, "--config", config, "--data-dir", dir.path])
        #expect(try await again.waitForExit() == 1)
        #expect(again.stderr.contains("exists"))
        let check = try QuiverProcess(["analytics", "check", "--config", config, "--data-dir", dir.path])
        #expect(try await check.waitForExit() == 0, "\(check.stderr)")
        #expect(check.stdout.split(separator: "\n") == ["ok"])

        quiver.signal(SIGTERM)
        #expect(try await quiver.waitForExit() == 0, "\(quiver.stderr)")
    }

    @Test func checkFailsOnADamagedFileAndAMissingOne() async throws {
        let dir = DataDir()
        try Self.seed(dir, count: 400)
        let config = try emptyConfigFile()
        defer { try? FileManager.default.removeItem(atPath: config) }
        // Damage the copy: overwrite pages in the middle of the file (b-tree pages of the tables).
        let damaged = dir.file("damaged.db")
        let backup = try QuiverProcess(["analytics", "backup", damaged, "--config", config, "--data-dir", dir.path])
        #expect(try await backup.waitForExit() == 0, "\(backup.stderr)")
        let handle = try #require(FileHandle(forUpdatingAtPath: damaged))
        let size = try handle.seekToEnd()
        #expect(size > 64 * 1024)
        try handle.seek(toOffset: size / 2)
        try handle.write(contentsOf: Data(repeating: 0xA5, count: 16 * 1024))
        try handle.close()
        let check = try QuiverProcess(["analytics", "check", "--database", damaged, "--config", config])
        #expect(try await check.waitForExit() == 1, "\(check.stdout)")
        #expect(check.stderr.contains(damaged))

        let none = try QuiverProcess(["analytics", "check", "--config", config, "--data-dir", dir.file("empty")])
        #expect(try await none.waitForExit() == 1)
        #expect(none.stderr.contains("no analytics database"))
    }
}
