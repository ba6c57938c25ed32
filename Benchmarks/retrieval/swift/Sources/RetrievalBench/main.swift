import Foundation
import Ranking

// retrieval-bench texts DATA CACHE | quality DATA CACHE | scores DATA CACHE | speed CACHE
let args = CommandLine.arguments
let datasets = ["seal-tools", "metatool"]

func usage() -> Never {
    print("usage: RetrievalBench texts|quality|scores DATA_DIR CACHE_DIR | speed CACHE_DIR | ready CACHE_DIR")
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
        try Quality.run(dataDirectory: args[2], cacheDirectory: args[3], datasets: datasets)
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
