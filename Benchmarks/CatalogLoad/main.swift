// Catalog load benchmark: synthesises a toolset of N tools from the bundled catalog (renamed copies),
// then measures (CPU time, best of 5) the whole load (parse, decode, validate), the JSON parse
// alone and the content hash alone. Run through Benchmarks/catalog_load.sh, which also times Python's
// json.loads on the same file for comparison.
import Catalog
import Foundation

func cpuSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func best(_ runs: Int, _ body: () throws -> Void) rethrows -> Double {
    var fastest = Double.infinity
    for _ in 0..<runs {
        let start = cpuSeconds()
        try body()
        fastest = min(fastest, cpuSeconds() - start)
    }
    return fastest * 1000
}

let arguments = CommandLine.arguments.dropFirst()
let catalogDirectory = arguments.first ?? "catalog"
let count = arguments.dropFirst().first.flatMap { Int($0) } ?? 10_000
let output = arguments.dropFirst(2).first

let base = try Catalog.load(directory: catalogDirectory)
var tools: [JSONValue] = []
for i in 0..<count {
    let tool = base.tools[i % base.count]
    guard case .object(var object) = tool.source else { continue }
    object["name"] = .string("\(tool.name)_\(i)")
    tools.append(.object(object))
}
let bytes = Array(JSONValue.object(["tools": .array(tools)]).serialized().utf8)
if let output { FileManager.default.createFile(atPath: output, contents: Data(bytes)) }
let options = CatalogLoadOptions(maxFileBytes: 1 << 30)
var loaded = Catalog(tools: [])
let load = try best(5) { loaded = try Catalog.load(sources: [CatalogSource(name: "synthetic.json", bytes: bytes)], options: options) }
let parse = try best(5) { _ = try JSONParser.parse(bytes: bytes, limits: JSONParser.Limits(maxBytes: 1 << 30)) }
let hash = best(5) { _ = Catalog(tools: loaded.tools).contentHash }  // the hash is computed on first use
print("tools=\(loaded.count) bytes=\(bytes.count)")
print(String(format: "quiver load_ms=%.1f parse_ms=%.1f content_hash_ms=%.1f parse_MB_per_s=%.0f", load, parse, hash, Double(bytes.count) / parse / 1000))
