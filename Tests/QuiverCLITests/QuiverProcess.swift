import Foundation

/// Runs the real `quiver` binary built next to the test bundle.
final class QuiverProcess: @unchecked Sendable {
    let process = Process()
    let stderrPath: String
    let stdoutPath: String

    static var binaryPath: String {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("quiver").path
        if FileManager.default.isExecutableFile(atPath: besideTests) { return besideTests }
        // Fall back to the package's debug build folder.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/quiver").path
    }

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        let unique = UInt64.random(in: 0...UInt64.max)
        stderrPath = FileManager.default.temporaryDirectory.appendingPathComponent("quiver-\(unique).err").path
        stdoutPath = FileManager.default.temporaryDirectory.appendingPathComponent("quiver-\(unique).out").path
        FileManager.default.createFile(atPath: stderrPath, contents: nil)
        FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: Self.binaryPath)
        process.arguments = arguments
        // A clean environment: nothing from the developer's shell leaks in.
        var env = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        env.merge(environment) { _, new in new }
        process.environment = env
        process.currentDirectoryURL = FileManager.default.temporaryDirectory
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        process.standardOutput = FileHandle(forWritingAtPath: stdoutPath)
        try process.run()
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
        }
        try? FileManager.default.removeItem(atPath: stderrPath)
        try? FileManager.default.removeItem(atPath: stdoutPath)
    }

    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }
    var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }

    /// Waits for the JSON log line `"msg":"listening"` and returns its port.
    func waitForPort(timeout: Duration = .seconds(30)) async throws -> Int {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            for line in stderr.split(separator: "\n") where line.contains(#""msg":"listening""#) {
                if let data = line.data(using: .utf8),
                    let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                    let port = object["port"] as? Int
                {
                    return port
                }
            }
            guard process.isRunning else { throw ProcessFailure(message: "quiver exited early: \(stderr)") }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw ProcessFailure(message: "quiver did not start listening: \(stderr)")
    }

    /// Waits for the process to exit; returns its exit status (or 128 + signal).
    func waitForExit(timeout: Duration = .seconds(30)) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else { throw ProcessFailure(message: "quiver did not exit") }
            try await Task.sleep(for: .milliseconds(20))
        }
        return process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus
    }

    func signal(_ number: Int32) {
        kill(process.processIdentifier, number)
    }
}

struct ProcessFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// An empty config file, so the repository's config/quiver.json never affects a test.
func emptyConfigFile() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("quiver-empty-\(UInt64.random(in: 0...UInt64.max)).json").path
    try Data("{}".utf8).write(to: URL(fileURLWithPath: path))
    return path
}
