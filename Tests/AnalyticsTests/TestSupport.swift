import Foundation
import Logging

@testable import Analytics

/// A fresh directory under the system temp dir, removed when the value is released.
final class TemporaryDirectory {
    let path: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("quiver-analytics-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        path = base.path
    }

    func file(_ name: String) -> String { path + "/" + name }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

enum Fixtures {
    static let logger = Logger(label: "analytics-tests")
    static let day: Int64 = 86_400_000
    static let tools = ["weather.current", "math.eval", "web.search", "calendar.next", "fx.convert"]
    static let models = ["qwen2.5-0.5b", "gpt-4o-mini"]

    /// A run with deterministic contents derived from `index`, started `index` seconds after `base`.
    static func run(_ index: Int, base: Int64 = 1_763_000_000_000, id: String? = nil, status: String? = nil) -> RunRecord {
        let start = base + Int64(index) * 1_000
        let failed = status.map { $0 != "ok" } ?? (index % 7 == 3)
        let model = models[index % models.count]
        let toolCount = index % 3 + 1
        var toolCalls: [ToolCallRecord] = []
        for t in 0..<toolCount {
            let tool = tools[(index + t) % tools.count]
            let bad = (index + t) % 5 == 0
            toolCalls.append(
                ToolCallRecord(
                    tool: tool, startedAt: start + 10 + Int64(t), durationMilliseconds: Double((index * 13 + t * 7) % 200) + 0.5,
                    status: bad ? "error" : "ok", argumentsBytes: 40 + t, resultBytes: 300 + index % 50,
                    errorType: bad ? "timeout" : nil, errorMessage: bad ? "tool \(tool) timed out after 2000 ms" : nil))
        }
        let repairs = index % 4 == 0 ? 1 : 0
        var llmCalls = [
            LLMCallRecord(
                purpose: "plan", model: model, startedAt: start + 5, durationMilliseconds: Double(100 + index % 90),
                status: "ok", promptTokens: 800 + index % 100, completionTokens: 60 + index % 30)
        ]
        if repairs > 0 {
            llmCalls.append(
                LLMCallRecord(
                    purpose: "repair", model: model, startedAt: start + 8, durationMilliseconds: 80, status: index % 8 == 0 ? "error" : "ok",
                    errorType: index % 8 == 0 ? "http_500" : nil, promptTokens: 900, completionTokens: 50, attempts: 2))
        }
        return RunRecord(
            id: id ?? "run-\(index)", kind: index % 10 == 9 ? "plan_run" : "query", startedAt: start,
            finishedAt: start + 250 + Int64(index % 100), status: status ?? (failed ? "error" : "ok"),
            errorType: failed ? "tool_error" : nil, errorMessage: failed ? "a tool failed" : nil,
            queryText: "what is the weather in city \(index)?", model: model,
            toolsConsidered: Array(tools.prefix(3)), planText: "weather.current(city: \"c\(index)\")", repairs: repairs,
            toolCallCount: toolCount, promptTokens: llmCalls.reduce(0) { $0 + $1.promptTokens },
            completionTokens: llmCalls.reduce(0) { $0 + $1.completionTokens }, llmMilliseconds: 120, toolsMilliseconds: 60,
            searchMilliseconds: 2.5, overheadMilliseconds: 0.8, apiKeyID: "key-\(index % 3)",
            idempotencyKey: index % 2 == 0 ? "idem-\(index)" : nil, llmCalls: llmCalls, toolCalls: toolCalls,
            searches: [
                SearchRecord(
                    queryText: "weather city \(index)", k: 3,
                    results: [.init(tool: "weather.current", score: 0.91), .init(tool: "web.search", score: 0.42)],
                    startedAt: start + 1, durationMilliseconds: 2.5)
            ])
    }

    static func settings(_ dir: TemporaryDirectory, _ name: String = "analytics.db") -> AnalyticsSettings {
        AnalyticsSettings(path: dir.file(name))
    }

    /// Counts rows in `table` through a separate connection.
    static func count(_ path: String, _ table: String) throws -> Int64 {
        let db = try Database(path: path, readOnly: true)
        return try db.scalar("SELECT COUNT(*) FROM \(table)").int64 ?? -1
    }
}
