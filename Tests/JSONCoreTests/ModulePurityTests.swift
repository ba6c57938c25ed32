import Foundation
import Testing

/// JSONCore sits under Sandbox, whose purity ARCHITECTURE.md promises: it may import nothing at all.
@Suite("JSONCore purity")
struct ModulePurityTests {
    @Test func importsNothing() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/JSONCore").standardized.resolvingSymlinksInPath()
        let files = try FileManager.default.contentsOfDirectory(atPath: sources.path).filter { $0.hasSuffix(".swift") }
        #expect(files.count >= 6)
        for file in files {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ")
                guard let i = words.firstIndex(of: "import"), i <= 2 else { continue }
                let prefix = words[..<i]
                if prefix.allSatisfy({ ["public", "internal", "private", "fileprivate", "package", "@testable", "@_exported"].contains($0) }) {
                    Issue.record("\(file): \(line)")
                }
            }
        }
    }
}
