import Foundation
import Ranking

/// One benchmark dataset: a catalog and labelled queries.
struct Dataset {
    struct Query {
        var id: String
        var text: String
        var relevant: Set<String>
    }

    var name: String
    var documents: [RankingDocument]
    var queries: [Query]

    static func load(directory: String, name: String) throws -> Dataset {
        let catalogData = try Data(contentsOf: URL(fileURLWithPath: "\(directory)/catalog.json"))
        guard let tools = try JSONSerialization.jsonObject(with: catalogData) as? [[String: Any]] else {
            throw BenchError("\(directory)/catalog.json: not an array of objects")
        }
        let documents = tools.map(document)
        let lines = try String(contentsOfFile: "\(directory)/queries-dev.jsonl", encoding: .utf8).split(separator: "\n")
        var queries: [Query] = []
        for line in lines {
            guard let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let id = obj["id"] as? String, let text = obj["query"] as? String, let rel = obj["relevant"] as? [String]
            else { throw BenchError("\(directory)/queries-dev.jsonl: bad line") }
            queries.append(Query(id: id, text: text, relevant: Set(rel)))
        }
        return Dataset(name: name, documents: documents, queries: queries)
    }

    /// Maps a catalog entry `{name, description, parameters (JSON Schema), tags}` to a document.
    static func document(_ tool: [String: Any]) -> RankingDocument {
        var parameters: [RankingDocument.Parameter] = []
        if let schema = tool["parameters"] as? [String: Any], let props = schema["properties"] as? [String: Any] {
            for key in props.keys.sorted() {
                let desc = (props[key] as? [String: Any])?["description"] as? String ?? ""
                parameters.append(.init(name: key, description: desc))
            }
        }
        return RankingDocument(
            name: tool["name"] as? String ?? "", description: tool["description"] as? String ?? "",
            parameters: parameters, tags: tool["tags"] as? [String] ?? [])
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// Vectors computed by `peers.py embed`: `NAME.jsonl` (one JSON string a line) and `NAME.f32`
/// (the same number of rows of `dimensions` little-endian floats).
enum VectorFile {
    static func writeTexts(_ texts: [String], to path: String) throws {
        var out = ""
        for t in texts {
            let data = try JSONSerialization.data(withJSONObject: [t])
            let s = String(decoding: data, as: UTF8.self)
            out += String(s.dropFirst().dropLast()) + "\n"
        }
        // Unchanged texts keep their file (and its date), so run.sh does not embed them again.
        if (try? String(contentsOfFile: path, encoding: .utf8)) == out { return }
        try out.write(toFile: path, atomically: true, encoding: .utf8)
    }

    static func read(_ path: String, count: Int, dimensions: Int = 384) throws -> [[Float]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard data.count == count * dimensions * 4 else {
            throw BenchError("\(path): \(data.count) bytes, expected \(count * dimensions * 4); run peers.py embed again")
        }
        return data.withUnsafeBytes { raw in
            (0..<count).map { r in (0..<dimensions).map { raw.loadUnaligned(fromByteOffset: (r * dimensions + $0) * 4, as: Float.self) } }
        }
    }
}
