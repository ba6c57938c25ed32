// Writes runs under load with durability `full` and prints each acknowledged run id on its own line.
// AnalyticsTests' crash test kills it with SIGKILL and checks that every printed id survived.
// Usage: AnalyticsCrashWriter DB_PATH [WORKERS] [RUNS_PER_WORKER]
import Analytics
import Foundation
import Logging

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: AnalyticsCrashWriter DB_PATH [WORKERS] [RUNS_PER_WORKER]\n".utf8))
    exit(2)
}
let workers = arguments.count > 2 ? Int(arguments[2]) ?? 8 : 8
let perWorker = arguments.count > 3 ? Int(arguments[3]) ?? 1_000_000 : 1_000_000

var settings = AnalyticsSettings(path: arguments[1])
settings.durability = .full
settings.overflow = .block
settings.queueCapacity = 64
settings.batchSize = 32

let writer: AnalyticsWriter
do {
    writer = try AnalyticsWriter.open(settings: settings, logger: Logger(label: "crash-writer"))
} catch {
    FileHandle.standardError.write(Data("cannot open: \(error)\n".utf8))
    exit(1)
}

let writing = Task { try await writer.run() }
await withTaskGroup(of: Void.self) { group in
    for worker in 0..<workers {
        group.addTask {
            for index in 0..<perWorker {
                let start = Int64(Date().timeIntervalSince1970 * 1000)
                let id = "w\(worker)-\(index)"
                let run = RunRecord(
                    id: id, kind: "query", startedAt: start, finishedAt: start + 3, status: "ok",
                    queryText: "crash test query \(index)", model: "fake", toolsConsidered: ["a.b", "c.d"],
                    planText: "a.b(x: \(index))", toolCallCount: 2, promptTokens: 100, completionTokens: 20,
                    llmCalls: [LLMCallRecord(purpose: "plan", model: "fake", startedAt: start, durationMilliseconds: 1, status: "ok")],
                    toolCalls: [
                        ToolCallRecord(tool: "a.b", startedAt: start, durationMilliseconds: 1, status: "ok"),
                        ToolCallRecord(tool: "c.d", startedAt: start, durationMilliseconds: 2, status: "ok"),
                    ])
                if await writer.record(run) == .committed {
                    // One write(2) per line: atomic on a pipe, so lines never interleave.
                    FileHandle.standardOutput.write(Data("\(id)\n".utf8))
                }
            }
        }
    }
}
writer.finish()
try await writing.value
