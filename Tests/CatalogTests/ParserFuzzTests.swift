import Foundation
import Testing
@testable import Catalog

/// Mutated catalog files never trap the parser or the loader: each either loads or reports issues.
@Suite struct ParserFuzzTests {
    @Test func mutatedCatalogFilesNeverTrap() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: bundledCatalogDirectory).filter { $0.hasSuffix(".json") }.sorted()
        var state: UInt64 = 7
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        let alphabet = Array(#"{}[],:"\ 0123456789.eE+-truefalsnul\u{0}é😀"#.utf8)
        var loaded = 0
        var refused = 0
        for file in files {
            guard let data = FileManager.default.contents(atPath: bundledCatalogDirectory + "/" + file) else { continue }
            let original = [UInt8](data)
            for _ in 0..<150 {
                var bytes = original
                for _ in 0..<(1 + next() % 4) {
                    guard !bytes.isEmpty else { break }
                    let at = next() % bytes.count
                    switch next() % 3 {
                    case 0: bytes[at] = alphabet[next() % alphabet.count]
                    case 1: bytes.remove(at: at)
                    default: bytes.insert(alphabet[next() % alphabet.count], at: at)
                    }
                }
                do {
                    _ = try Catalog.load(sources: [CatalogSource(name: file, bytes: bytes)])
                    loaded += 1
                } catch {
                    refused += 1
                    #expect(!error.issues.isEmpty)
                }
            }
        }
        #expect(refused > 0)
        #expect(loaded + refused == files.count * 150)
    }
}
