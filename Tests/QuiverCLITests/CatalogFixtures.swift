import Foundation

/// Temporary catalog directories for CLI tests.
enum CatalogFixtures {
    /// The repository's bundled catalog.
    static var bundled: String { QuiverProcess.packageRoot.appendingPathComponent("catalog").path }

    /// A fresh temporary directory.
    static func temporaryDirectory(_ prefix: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UInt64.random(in: 0...UInt64.max))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A copy of the bundled catalog that a test may change.
    static func copyOfBundled() throws -> String {
        let path = try temporaryDirectory("quiver-catalog")
        for name in try FileManager.default.contentsOfDirectory(atPath: bundled) where name.hasSuffix(".json") {
            try FileManager.default.copyItem(atPath: bundled + "/" + name, toPath: path + "/" + name)
        }
        return path
    }

    /// A catalog with three problems in two files: a reserved name, a misspelt schema type, and a
    /// name defined twice.
    static func broken() throws -> String {
        let path = try temporaryDirectory("quiver-broken")
        try write(
            path + "/a.json",
            #"""
            {"tools": [
              {"name": "size", "description": "Reserved.", "parameters": {"type": "object"}, "effect": "read", "binding": {"type": "builtin", "function": "f"}},
              {"name": "lookup", "description": "Look up.", "parameters": {"type": "object", "properties": {"id": {"type": "strin"}}}, "effect": "read", "binding": {"type": "builtin", "function": "g"}}
            ]}
            """#)
        try write(
            path + "/b.json",
            #"{"tools": [{"name": "lookup", "description": "Again.", "parameters": {"type": "object"}, "effect": "read", "binding": {"type": "builtin", "function": "h"}}]}"#)
        return path
    }

    /// One extra toolset file with a single tool called `name`.
    static func addTool(named name: String, to directory: String) throws {
        try write(
            directory + "/zz-extra.json",
            #"{"tools": [{"name": "\#(name)", "description": "Count the words of a text.", "parameters": {"type": "object", "properties": {"text": {"type": "string"}}}, "effect": "read", "binding": {"type": "builtin", "function": "\#(name)"}}]}"#)
    }

    static func write(_ path: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// The installed sentence-encoder model: `QUIVER_MODEL_DIR`, `$QUIVER_DATA_DIR/models/...`, or the
    /// package's `data/models/all-MiniLM-L6-v2`. Nil when none is installed.
    static var modelDirectory: String? {
        let environment = ProcessInfo.processInfo.environment
        var candidates: [String] = []
        if let dir = environment["QUIVER_MODEL_DIR"], !dir.isEmpty { candidates.append(dir) }
        if let data = environment["QUIVER_DATA_DIR"], !data.isEmpty { candidates.append(data + "/models/all-MiniLM-L6-v2") }
        candidates.append(QuiverProcess.packageRoot.appendingPathComponent("data/models/all-MiniLM-L6-v2").path)
        return candidates.first { FileManager.default.fileExists(atPath: $0 + "/model.safetensors") }
    }
}

/// Runs the quiver binary to completion with `stdin` as its standard input. Waits by polling, so the
/// cooperative thread pool (two threads on a two-core machine) is never blocked by a child process.
func runQuiver(_ arguments: [String], stdin: String = "", environment: [String: String] = [:]) async throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: QuiverProcess.binaryPath)
    process.arguments = arguments
    var env = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
    env.merge(environment) { _, new in new }
    process.environment = env
    process.currentDirectoryURL = FileManager.default.temporaryDirectory
    // Output goes to files, so a large output never blocks the child on a full pipe.
    let unique = UInt64.random(in: 0...UInt64.max)
    let outPath = FileManager.default.temporaryDirectory.appendingPathComponent("quiver-run-\(unique).out").path
    let errPath = FileManager.default.temporaryDirectory.appendingPathComponent("quiver-run-\(unique).err").path
    _ = FileManager.default.createFile(atPath: outPath, contents: nil)
    _ = FileManager.default.createFile(atPath: errPath, contents: nil)
    defer {
        try? FileManager.default.removeItem(atPath: outPath)
        try? FileManager.default.removeItem(atPath: errPath)
    }
    let input = Pipe()
    process.standardInput = input
    process.standardOutput = FileHandle(forWritingAtPath: outPath)
    process.standardError = FileHandle(forWritingAtPath: errPath)
    try process.run()
    input.fileHandleForWriting.write(Data(stdin.utf8))
    try input.fileHandleForWriting.close()
    let deadline = ContinuousClock.now + .seconds(300)
    while process.isRunning {
        guard ContinuousClock.now < deadline else {
            process.terminate()
            throw ProcessFailure(message: "quiver \(arguments.first ?? "") did not finish within 300 s")
        }
        try await Task.sleep(for: .milliseconds(20))
    }
    let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
    return (process.terminationStatus, out, err)
}
