import Foundation
import Ranking
import SentenceEncoder

// retrieval-bench texts DATA CACHE | quality DATA CACHE [--model DIR] [--endpoint URL] | scores DATA CACHE | speed CACHE
//                 | throughput DATA N [--model DIR] [--endpoint URL]
// Flags are taken out of the arguments first; the rest are positional.
var args: [String] = []
var modelDirectory: String?
var endpointURL: String?
do {
    var it = CommandLine.arguments.makeIterator()
    while let a = it.next() {
        switch a {
        case "--model": modelDirectory = it.next()
        case "--endpoint": endpointURL = it.next()
        default: args.append(a)
        }
    }
}

/// In-process encoder first (the reference of the agreement check), then the endpoint, then the script's files.
func embeddingSources(model modelDirectory: String?, endpoint endpointURL: String?, includeScript: Bool) throws -> [EmbeddingSource] {
    var sources: [EmbeddingSource] = []
    if let modelDirectory {
        do {
            sources.append(EmbeddingSource(label: "in-process", embedder: try SentenceEncoder.load(directory: modelDirectory)))
        } catch {
            throw BenchError("cannot load the model at \(modelDirectory): \(error)")
        }
    }
    if let endpointURL { sources.append(EmbeddingSource(label: "endpoint", embedder: try EndpointEmbedder(baseURL: endpointURL))) }
    if includeScript { sources.append(EmbeddingSource(label: "st-script", embedder: nil)) }
    return sources
}
let datasets = ["seal-tools", "metatool"]

func usage() -> Never {
    print("usage: RetrievalBench texts|scores DATA_DIR CACHE_DIR | quality DATA_DIR CACHE_DIR [--model DIR] [--endpoint URL]")
    print("       | throughput DATA_DIR N [--model DIR] [--endpoint URL] | speed CACHE_DIR | ready CACHE_DIR")
    exit(2)
}

do {
    guard args.count >= 3 else { usage() }
    switch args[1] {
    case "texts":
        guard args.count >= 4 else { usage() }
        for name in datasets {
            let ds = try Dataset.load(directory: "\(args[2])/\(name)", name: name)
            let dir = "\(args[3])/\(name)"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try VectorFile.writeTexts(ds.documents.map(\.embeddingText), to: "\(dir)/quiver-tools.jsonl")
            try VectorFile.writeTexts(ds.queries.map(\.text), to: "\(dir)/queries.jsonl")
            print("\(name): \(ds.documents.count) tool texts, \(ds.queries.count) queries -> \(dir)")
        }
    case "quality":
        guard args.count >= 4 else { usage() }
        let script = FileManager.default.fileExists(atPath: "\(args[3])/seal-tools/quiver-tools.f32")
        try await Quality.run(dataDirectory: args[2], cacheDirectory: args[3], datasets: datasets, sources: try embeddingSources(model: modelDirectory, endpoint: endpointURL, includeScript: script))
    case "throughput":
        guard args.count >= 4, let n = Int(args[3]) else { usage() }
        try await Throughput.run(dataDirectory: args[2], count: n, sources: try embeddingSources(model: modelDirectory, endpoint: endpointURL, includeScript: false))
    case "scores":
        guard args.count >= 4 else { usage() }
        try Quality.dumpScores(dataDirectory: args[2], cacheDirectory: args[3], datasets: datasets)
    case "speed":
        let sizes = args.dropFirst(3).compactMap { Int($0) }
        try await Speed.run(cacheDirectory: args[2], sizes: sizes.isEmpty ? [1000, 10000, 100000] : sizes)
    case "profile-query":
        try Profile.query(cacheDirectory: args[2], n: args.count > 3 ? Int(args[3]) ?? 10000 : 10000)
    case "ready":
        try await Ready.run(cacheDirectory: args[2], n: args.count > 3 ? Int(args[3]) ?? 10000 : 10000)
    case "profile-stages":
        try Profile.stages(cacheDirectory: args[2], n: args.count > 3 ? Int(args[3]) ?? 10000 : 10000)
    case "profile-build":
        try Profile.build(cacheDirectory: args[2], n: args.count > 3 ? Int(args[3]) ?? 10000 : 10000)
    default:
        usage()
    }
} catch {
    print("error: \(error)")
    exit(1)
}
