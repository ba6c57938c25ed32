// Analytics write benchmark: runs (and their child rows) per second through AnalyticsWriter with
// durability normal and full, the latency of `record` as the request path sees it, and the database
// size per 100,000 runs. Usage: AnalyticsBench DIR [RUNS_NORMAL] [RUNS_FULL] [WORKERS_NORMAL] [WORKERS_FULL]
import Analytics
import Foundation
import Logging

let args = CommandLine.arguments
let dir = args.count > 1 ? args[1] : NSTemporaryDirectory() + "quiver-analytics-bench"
let normalRuns = args.count > 2 ? Int(args[2]) ?? 100_000 : 100_000
let fullRuns = args.count > 3 ? Int(args[3]) ?? 20_000 : 20_000
let normalWorkers = args.count > 4 ? Int(args[4]) ?? 8 : 8
let fullWorkers = args.count > 5 ? Int(args[5]) ?? 64 : 64
try? FileManager.default.removeItem(atPath: dir)
try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)

/// Rows per run: the run, 2 LLM calls, 3 tool calls, 1 search.
let rowsPerRun = 7
let tools = ["weather.current", "math.eval", "web.search", "calendar.next", "fx.convert", "unit.convert", "news.top"]

func makeRun(_ index: Int, worker: Int) -> RunRecord {
    let start = Int64(Date().timeIntervalSince1970 * 1000)
    let toolCalls = (0..<3).map { t in
        ToolCallRecord(
            tool: tools[(index + t) % tools.count], startedAt: start + 20, durationMilliseconds: Double(index % 97) + 0.25,
            status: index % 50 == 0 ? "error" : "ok", argumentsBytes: 64, resultBytes: 512,
            errorType: index % 50 == 0 ? "timeout" : nil)
    }
    return RunRecord(
        id: RunRecordBuilder.newRunID(), kind: "query", startedAt: start, finishedAt: start + 850, status: "ok",
        queryText: "What will the weather be in Lisbon tomorrow, and convert 20 EUR to USD? #\(index)",
        model: "qwen2.5-0.5b-instruct", toolsConsidered: Array(tools.prefix(5)),
        planText:
            "let w = weather.current(city: \"Lisbon\")\nlet fx = fx.convert(amount: 20, from: \"EUR\", to: \"USD\")\n{\"weather\": w, \"usd\": fx}",
        repairs: index % 5 == 0 ? 1 : 0, toolCallCount: 3, promptTokens: 1_250, completionTokens: 96,
        llmMilliseconds: 700, toolsMilliseconds: 120, searchMilliseconds: 1.8, overheadMilliseconds: 0.9,
        apiKeyID: "key-\(worker % 4)", idempotencyKey: nil,
        llmCalls: [
            LLMCallRecord(
                purpose: "plan", model: "qwen2.5-0.5b-instruct", startedAt: start + 3, durationMilliseconds: 520, status: "ok", promptTokens: 1_100,
                completionTokens: 80),
            LLMCallRecord(
                purpose: "answer", model: "qwen2.5-0.5b-instruct", startedAt: start + 700, durationMilliseconds: 180, status: "ok", promptTokens: 150,
                completionTokens: 16),
        ],
        toolCalls: toolCalls,
        searches: [
            SearchRecord(
                queryText: "weather Lisbon tomorrow convert EUR USD", k: 5,
                results: tools.prefix(5).enumerated().map { SearchRecord.Hit(tool: $0.element, score: 1.0 / Double($0.offset + 1)) },
                startedAt: start + 1, durationMilliseconds: 1.8)
        ])
}

func percentile(_ sorted: [Duration], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    let rank = max(0, min(sorted.count - 1, Int((p * Double(sorted.count)).rounded(.up)) - 1))
    let (s, atto) = sorted[rank].components
    return Double(s) * 1e6 + Double(atto) / 1e12  // microseconds
}

struct Result {
    let seconds: Double
    let written: Int
    let batches: Int
    let recordLatencies: [Duration]
}

func bench(_ durability: AnalyticsSettings.Durability, runs: Int, workers: Int, path: String) async throws -> Result {
    var settings = AnalyticsSettings(path: path)
    settings.durability = durability
    settings.overflow = .block
    settings.queueCapacity = 10_000
    settings.batchSize = 512
    let writer = try AnalyticsWriter.open(settings: settings, logger: Logger(label: "bench"))
    let clock = ContinuousClock()
    let start = clock.now
    let writing = Task { try await writer.run() }
    let perWorker = runs / workers
    let latencies = await withTaskGroup(of: [Duration].self) { group in
        for worker in 0..<workers {
            group.addTask {
                var own: [Duration] = []
                own.reserveCapacity(perWorker)
                for index in 0..<perWorker {
                    let run = makeRun(index, worker: worker)
                    let t0 = clock.now
                    _ = await writer.record(run)
                    own.append(t0.duration(to: clock.now))
                }
                return own
            }
        }
        return await group.reduce(into: []) { $0 += $1 }
    }
    writer.finish()
    try await writing.value
    let elapsed = start.duration(to: clock.now)
    let (s, atto) = elapsed.components
    let stats = writer.statistics
    return Result(seconds: Double(s) + Double(atto) / 1e18, written: stats.written, batches: stats.batches, recordLatencies: latencies.sorted())
}

func report(_ name: String, _ r: Result) {
    let runsPerSecond = Double(r.written) / r.seconds
    print(
        String(
            format: "swift %@: %d runs in %.2f s = %.0f runs/s = %.0f rows/s (%d batches); record() p50 %.1f us, p99 %.1f us",
            name, r.written, r.seconds, runsPerSecond, runsPerSecond * Double(rowsPerRun), r.batches,
            percentile(r.recordLatencies, 0.50), percentile(r.recordLatencies, 0.99)))
}

// The insert path alone: prebuilt runs, batches of 512, no producers competing for the CPU.
if ProcessInfo.processInfo.environment["PLAN_RUNS_ONLY"] != "1" {
    let store = try AnalyticsStore(settings: AnalyticsSettings(path: dir + "/direct.db"))
    let runs = (0..<min(normalRuns, 50_000)).map { makeRun($0, worker: 99) }
    let clock = ContinuousClock()
    let start = clock.now
    var index = 0
    while index < runs.count {
        let end = min(runs.count, index + 512)
        _ = store.write(Array(runs[index..<end]))
        index = end
    }
    let (s, atto) = start.duration(to: clock.now).components
    let seconds = Double(s) + Double(atto) / 1e18
    print(
        String(
            format: "swift store.write only: %d runs in %.2f s = %.0f runs/s = %.0f rows/s (batches of 512, synchronous=NORMAL)", runs.count, seconds,
            Double(runs.count) / seconds, Double(runs.count * rowsPerRun) / seconds))
}

// The insert path alone for the run that Benchmarks/analytics/request_p99.sh makes: a plan run with two
// builtin tool calls (3 rows), timed in CPU microseconds per run on this thread.
do {
    let store = try AnalyticsStore(settings: AnalyticsSettings(path: dir + "/plan-runs.db"))
    let plan = "let s = math_add(a: input.x, b: 2);\nlet p = math_multiply(a: s, b: 3);\nreturn {\"sum\": s, \"product\": p};"
    let count = min(normalRuns, 100_000)
    let runs = (0..<count).map { index in
        let start = Int64(Date().timeIntervalSince1970 * 1000)
        return RunRecord(
            id: RunRecordBuilder.newRunID(), kind: "plan_run", startedAt: start, finishedAt: start + 1, status: "ok",
            planText: plan, toolCallCount: 2, toolsMilliseconds: 0.02, overheadMilliseconds: 0.1,
            toolCalls: ["math_add", "math_multiply"].map { tool in
                ToolCallRecord(tool: tool, startedAt: start, durationMilliseconds: 0.004, status: "ok", argumentsBytes: 20, resultBytes: 2)
            })
    }
    var usage = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &usage)
    let before = Double(usage.tv_sec) * 1e6 + Double(usage.tv_nsec) / 1e3
    // PLAN_BATCH=N: runs per store.write (default 512, the writer's default batch size).
    let planBatch = max(1, Int(ProcessInfo.processInfo.environment["PLAN_BATCH"] ?? "") ?? 512)
    var index = 0
    while index < runs.count {
        let end = min(runs.count, index + planBatch)
        _ = store.write(Array(runs[index..<end]))
        index = end
    }
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &usage)
    let after = Double(usage.tv_sec) * 1e6 + Double(usage.tv_nsec) / 1e3
    print(String(format: "swift store.write only, plan runs (1 run + 2 tool calls): %d runs in batches of %d, %.2f us of CPU per run", count, planBatch, (after - before) / Double(count)))
    try await RequestPath.run(dir: dir, count: min(normalRuns, 200_000))
    // PLAN_RUNS_ONLY=1 stops here (to profile this part alone).
    if ProcessInfo.processInfo.environment["PLAN_RUNS_ONLY"] == "1" { exit(0) }
}

let normalPath = dir + "/normal.db"
let normal = try await bench(.normal, runs: normalRuns, workers: normalWorkers, path: normalPath)
report("normal", normal)
let full = try await bench(.full, runs: fullRuns, workers: fullWorkers, path: dir + "/full.db")
report("full", full)

// Size: checkpoint the WAL into the main file, then measure it.
do {
    let db = try Database(path: normalPath)
    _ = try db.query("PRAGMA wal_checkpoint(TRUNCATE)")
    let pages = try db.scalar("PRAGMA page_count").int64 ?? 0
    let pageSize = try db.scalar("PRAGMA page_size").int64 ?? 0
    let runs = try db.scalar("SELECT COUNT(*) FROM runs").int64 ?? 1
    let bytes = Double(pages * pageSize)
    print(
        String(
            format: "size: %.1f MB for %lld runs = %.1f MB per 100,000 runs (%d rows each)", bytes / 1e6, runs, bytes / Double(runs) * 100_000 / 1e6,
            rowsPerRun))
}
