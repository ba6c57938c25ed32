import Foundation
import Testing

/// ARCHITECTURE.md: Sandbox imports only the standard library and Synchronization (JSON for values is in SandboxJSON).
@Suite("Module purity")
struct ModulePurityTests {
    @Test("Sources/Sandbox imports nothing but Synchronization")
    func imports() throws {
        let root = Conformance.repoRoot.appendingPathComponent("Sources/Sandbox").resolvingSymlinksInPath()
        guard let files = FileManager.default.enumerator(atPath: root.path) else {
            Issue.record("cannot list \(root.path)")
            return
        }
        var checked = 0
        for case let rel as String in files where rel.hasSuffix(".swift") {
            let text = try String(contentsOf: root.appendingPathComponent(rel), encoding: .utf8)
            for line in text.split(separator: "\n") {
                let t = line.trimmingCharacters(in: .whitespaces)
                let words = t.split(separator: " ")
                guard let i = words.firstIndex(of: "import"), i <= 2, words.count > i + 1 else { continue }
                if words[..<i].allSatisfy({ ["public", "internal", "private", "fileprivate", "package", "@testable", "@_exported"].contains($0) }) {
                    #expect(words[i + 1] == "Synchronization", "\(rel): \(t)")
                }
            }
            checked += 1
        }
        #expect(checked > 20)
    }
}
