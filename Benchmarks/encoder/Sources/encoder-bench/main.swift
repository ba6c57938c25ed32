// Measures the Swift sentence encoder: time from process start to the first vector, single-query latency,
// batch throughput over the tool descriptions, resident memory; writes the vectors for the quality check.
// Usage: encoder-bench --crossover (qenc_linear against cblas_sgemm by row count; see Crossover.swift)
//        encoder-bench --model DIR --texts FILE --queries FILE --query TEXT --out DIR
//                      [--batch 32] [--threads 0] [--start-ns NANOS] [--repeat 300]
#if canImport(Glibc)
import Glibc
#endif
import SentenceEncoder

func now() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_REALTIME, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// CPU time (user + system) of the whole process, in seconds.
func cpuTime() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

func monotonic() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

let processStart = now()

func argument(_ name: String) -> String? {
    let args = CommandLine.arguments
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
    return args[i + 1]
}

func fail(_ message: String) -> Never {
    print("encoder-bench: \(message)")
    exit(2)
}

/// One text a line.
func readLines(_ path: String) -> [String] {
    guard let file = fopen(path, "r") else { fail("cannot open \(path)") }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = fread(&buffer, 1, buffer.count, file)
        if n == 0 { break }
        bytes += buffer[0..<n]
    }
    return bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map {
        String(decoding: $0, as: UTF8.self)
    }.dropLast(bytes.last == UInt8(ascii: "\n") ? 1 : 0)
}

func writeVectors(_ vectors: [[Float]], to path: String) {
    guard let file = fopen(path, "wb") else { fail("cannot create \(path)") }
    defer { fclose(file) }
    for v in vectors { _ = v.withUnsafeBufferPointer { fwrite($0.baseAddress, 4, $0.count, file) } }
}

/// VmRSS and VmHWM from /proc/self/status, in MB.
func memory() -> (rss: Double, peak: Double) {
    guard let file = fopen("/proc/self/status", "r") else { return (0, 0) }
    defer { fclose(file) }
    var rss = 0.0, peak = 0.0
    var line = [CChar](repeating: 0, count: 256)
    while fgets(&line, 256, file) != nil {
        let s = line.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        let kb = Double(s.split(separator: " ").dropFirst().first { !$0.isEmpty } ?? "0") ?? 0
        if s.hasPrefix("VmRSS:") { rss = kb / 1024 }
        if s.hasPrefix("VmHWM:") { peak = kb / 1024 }
    }
    return (rss, peak)
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    let index = min(sorted.count - 1, max(0, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1))
    return sorted[index]
}

if CommandLine.arguments.contains("--crossover") {
    Crossover.run()
    exit(0)
}

guard let modelDir = argument("--model"), let textsPath = argument("--texts"), let queriesPath = argument("--queries"),
    let query = argument("--query"), let outDir = argument("--out")
else { fail("usage: encoder-bench --model DIR --texts FILE --queries FILE --query TEXT --out DIR [--batch N] [--threads N] [--start-ns N]") }
let startNs = argument("--start-ns").flatMap(UInt64.init) ?? processStart
var settings = SentenceEncoderSettings()
settings.batchSize = argument("--batch").flatMap(Int.init) ?? 32
settings.threads = argument("--threads").flatMap(Int.init) ?? 0
if let b = argument("--blas-threads").flatMap(Int.init) { settings.blasThreads = b }
if let q = argument("--query-threads").flatMap(Int.init) { settings.queryThreads = q }
let repeats = argument("--repeat").flatMap(Int.init) ?? 300

let encoder: SentenceEncoder
let loadStart = monotonic()
let loadCPUStart = cpuTime()
do {
    encoder = try SentenceEncoder.load(directory: modelDir, settings: settings)
} catch {
    fail("\(error)")
}
let loadMs = (monotonic() - loadStart) * 1000
let loadCPUms = (cpuTime() - loadCPUStart) * 1000
let first = try await encoder.embed([query])
let firstVectorMs = Double(now() - startNs) / 1e6
precondition(first.count == 1)
let afterLoad = memory()

// Single-query latency.
for _ in 0..<20 { _ = try await encoder.embed([query]) }
var latencies: [Double] = []
let singleCPU0 = cpuTime()
for _ in 0..<repeats {
    let t = monotonic()
    _ = try await encoder.embed([query])
    latencies.append((monotonic() - t) * 1000)
}

let singleCPUms = (cpuTime() - singleCPU0) * 1000 / Double(repeats)
let afterSingle = memory()

// Throughput over the tool descriptions.
let texts = readLines(textsPath)
let t0 = monotonic()
let batchCPU0 = cpuTime()
let vectors = try await encoder.embed(texts)
let seconds = monotonic() - t0
let batchCPU = cpuTime() - batchCPU0
let queries = readLines(queriesPath)
let queryVectors = try await encoder.embed(queries)
writeVectors(vectors, to: outDir + "/swift-texts.f32")
writeVectors(queryVectors, to: outDir + "/swift-queries.f32")
let end = memory()
if CommandLine.arguments.contains("--verbose"), let f = fopen("/proc/self/smaps", "r") {
    var line = [CChar](repeating: 0, count: 512)
    var header = ""
    while fgets(&line, 512, f) != nil {
        let s = line.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        if let c = s.first, c.isHexDigit, s.contains("-") { header = s }
        if s.hasPrefix("Rss:"), let kb = Int(s.split(separator: " ")[1]), kb > 1500 { print(kb, "kB", header, terminator: "") }
    }
    fclose(f)
}
if CommandLine.arguments.contains("--verbose"), let f = fopen("/proc/self/smaps_rollup", "r") {
    var line = [CChar](repeating: 0, count: 256)
    while fgets(&line, 256, f) != nil { print(line.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }, terminator: "") }
    fclose(f)
}

let threads = settings.threads > 0 ? settings.threads : Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
let queryThreads = settings.queryThreads > 0 ? settings.queryThreads : min(max(threads, 1), 2)
print(
    """
    {"impl": "swift", "threads": "\(min(threads, 8)) encoder threads (batches in parallel); one query on \(queryThreads) thread(s)", \
    "query_tokens": \(encoder.tokenize(query).count), "first_vector_ms": \(firstVectorMs), "load_ms": \(loadMs), "load_cpu_ms": \(loadCPUms), \
    "single_p50_ms": \(percentile(latencies, 50)), "single_p99_ms": \(percentile(latencies, 99)), \
    "texts": \(texts.count), "batch_size": \(settings.batchSize), "texts_per_s": \(Double(texts.count) / seconds), \
    "batch_seconds": \(seconds), "batch_cpu_seconds": \(batchCPU), "single_cpu_ms": \(singleCPUms), "rss_after_load_mb": \(afterLoad.rss), "rss_after_single_mb": \(afterSingle.rss), "rss_end_mb": \(end.rss), \
    "peak_rss_mb": \(end.peak), "model_id": "\(encoder.modelID)"}
    """)
