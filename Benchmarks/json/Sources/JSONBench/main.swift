// Measures JSON parse and serialize throughput of Catalog (exact numbers, ordered keys, canonical
// sorted-key output) and Sandbox (plan values) on the documents named on the command line.
//   JSONBench SECONDS FILE...   prints one JSON line per (document, operation) with MB/s.
import Foundation

let arguments = CommandLine.arguments.dropFirst()
guard let seconds = arguments.first.flatMap(Double.init), arguments.count > 1 else {
    FileHandle.standardError.write(Data("usage: JSONBench SECONDS FILE...\n".utf8))
    exit(2)
}

/// Runs `body` repeatedly for about `seconds` (after a warm-up) and returns the median rate of 5 rounds in MB/s.
func rate(bytes: Int, _ body: () throws -> Int) rethrows -> Double {
    var sink = 0
    for _ in 0..<3 { sink &+= try body() }
    var rates: [Double] = []
    for _ in 0..<5 {
        let clock = ContinuousClock()
        var runs = 0
        let start = clock.now
        var elapsed = Duration.zero
        repeat {
            sink &+= try body()
            runs += 1
            elapsed = clock.now - start
        } while elapsed < .milliseconds(Int(seconds * 1000 / 5))
        let secondsTaken = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        rates.append(Double(bytes * runs) / secondsTaken / 1e6)
    }
    if sink == 42 { print("") }  // keeps the work observable
    return rates.sorted()[2]
}

for path in arguments.dropFirst() {
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    let text = String(decoding: bytes, as: UTF8.self)
    let name = URL(fileURLWithPath: path).lastPathComponent
    let catalogValue = try CatalogJSON.parse(bytes)
    let sandboxValue = try SandboxCodec.parse(text)
    let results: [(String, Double)] = [
        ("catalog.parse", try rate(bytes: bytes.count) { _ = try CatalogJSON.parse(bytes); return 1 }),
        ("catalog.serialize_sorted", rate(bytes: bytes.count) { CatalogJSON.serialize(catalogValue, sortedKeys: true).utf8.count }),
        ("sandbox.parse", try rate(bytes: bytes.count) { _ = try SandboxCodec.parse(text); return 1 }),
        ("sandbox.serialize", rate(bytes: bytes.count) { SandboxCodec.serialize(sandboxValue).utf8.count }),
    ]
    // Fingerprints of the written text, so two builds (before/after a change) can be checked for identical output.
    let outputs = [("catalog.serialize_sorted", CatalogJSON.serialize(catalogValue, sortedKeys: true)), ("catalog.serialize", CatalogJSON.serialize(catalogValue, sortedKeys: false)),
                   ("sandbox.serialize", SandboxCodec.serialize(sandboxValue))]
    for (operation, output) in outputs {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a
        for byte in output.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        print(#"{"document": "\#(name)", "operation": "output \#(operation)", "output_fnv1a": "\#(String(hash, radix: 16))", "output_bytes": \#(output.utf8.count)}"#)
    }
    for (operation, mbPerSecond) in results {
        print(#"{"document": "\#(name)", "bytes": \#(bytes.count), "operation": "\#(operation)", "mb_per_s": \#((mbPerSecond * 10).rounded() / 10)}"#)
    }
}
