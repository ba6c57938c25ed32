#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization
import Testing
@testable import SentenceEncoder

/// Paths, fixtures and temporary model directories for the tests.
enum TestSupport {
    /// The repository (or dev package) root: two levels above this file's folder.
    static let root: String = {
        var parts = String(#filePath).split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    static let fixtures = root + "/Tests/SentenceEncoderTests/Fixtures"

    static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        let s = String(cString: value)
        return s.isEmpty ? nil : s
    }

    /// The installed model: `QUIVER_MODEL_DIR`, else `$QUIVER_DATA_DIR/models/all-MiniLM-L6-v2`, else
    /// `data/models/all-MiniLM-L6-v2` under the package root. Tests that need it fail (never skip) when it is
    /// missing, in CI and locally alike.
    static func modelDirectory() throws -> String {
        var candidates: [String] = []
        if let dir = environment("QUIVER_MODEL_DIR") { candidates.append(dir) }
        if let data = environment("QUIVER_DATA_DIR") { candidates.append(data + "/models/all-MiniLM-L6-v2") }
        candidates.append(root + "/data/models/all-MiniLM-L6-v2")
        for dir in candidates where FileAccess.exists(dir + "/model.safetensors") { return dir }
        let ci = environment("CI") == "true" ? " (CI=true)" : ""
        Issue.record(
            "all-MiniLM-L6-v2 is not installed\(ci): looked in \(candidates.joined(separator: ", ")). Install it with scripts/install-model [DEST] and set QUIVER_MODEL_DIR=DEST.")
        throw ModelMissing()
    }

    struct ModelMissing: Error {}

    private static let cache = Mutex<SentenceEncoder?>(nil)

    /// One shared encoder for all tests that use the real model.
    static func encoder() throws -> SentenceEncoder {
        try cache.withLock { (cached: inout SentenceEncoder?) throws -> SentenceEncoder in
            if let cached { return cached }
            let e = try SentenceEncoder.load(directory: try modelDirectory())
            cached = e
            return e
        }
    }

    static func readJSON(_ path: String) throws -> JSONValue {
        try FileAccess.readJSON(path, limit: 64 << 20)
    }

    static func cosine(_ a: [Float], _ b: [Float]) -> Double {
        var dot = 0.0, na = 0.0, nb = 0.0
        for (x, y) in zip(a, b) {
            dot += Double(x) * Double(y)
            na += Double(x) * Double(x)
            nb += Double(y) * Double(y)
        }
        return dot / max((na * nb).squareRoot(), 1e-30)
    }

    // MARK: - Files

    static func makeTemporaryDirectory() throws -> String {
        var template = Array("/tmp/sentence-encoder-test-XXXXXX".utf8CString)
        guard let result = mkdtemp(&template) else { throw TestFailure("mkdtemp failed") }
        return String(cString: result)
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw TestFailure("cannot create \(path)") }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { systemWrite(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { throw TestFailure("cannot write \(path)") }
            offset += n
        }
    }

    static func write(_ text: String, to path: String) throws { try write(Array(text.utf8), to: path) }

    static func remove(_ path: String) { unlink(path) }

    static func removeDirectory(_ path: String) {
        guard let dir = opendir(path) else { return }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name == "." || name == ".." { continue }
            let child = path + "/" + name
            if unlink(child) != 0 { removeDirectory(child) }
        }
        closedir(dir)
        rmdir(path)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}


#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif
