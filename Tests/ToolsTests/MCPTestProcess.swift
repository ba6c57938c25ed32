import Foundation
import Testing
import Tools

#if canImport(Glibc)
import Glibc
#endif

/// Paths and helpers for the `MCPTestServer` executable (built beside the test bundle).
enum MCPTestProcess {
    static var serverPath: String {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("MCPTestServer").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        // `swift test` runs the xctest bundle from .build/<triple>/debug; the server is built there too.
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug/MCPTestServer").path
    }

    /// A fresh temporary file path.
    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("quiver-mcp-\(UInt64.random(in: 0...UInt64.max))-\(name)").path
    }

    /// Whether process `pid` still exists (a zombie counts as gone: it has exited).
    static func isRunning(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
        // "pid (comm) S ...": the state follows the last ')'.
        guard let close = status.lastIndex(of: ")") else { return true }
        let state = status[status.index(after: close)...].trimmingCharacters(in: .whitespaces).first
        return state != "Z" && state != "X"
    }
}

/// `MCPTestServer --http` as a child process: its port, and a way to stop it.
final class MCPHTTPTestServer: @unchecked Sendable {
    let process = Process()
    let stdin = Pipe()
    let port: Int

    init(extra: [String] = []) throws {
        process.executableURL = URL(fileURLWithPath: MCPTestProcess.serverPath)
        process.arguments = ["--http"] + extra
        let out = Pipe()
        process.standardInput = stdin
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The first line is "PORT <n>".
        var line = Data()
        let handle = out.fileHandleForReading
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("PORT "), let port = Int(text.dropFirst(5).prefix { $0.isNumber }) else {
            process.terminate()
            throw MCPCallError("MCPTestServer --http did not print its port: \(text)", transient: false)
        }
        self.port = port
    }

    var url: String { "http://127.0.0.1:\(port)/mcp" }

    func stop() {
        try? stdin.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
}
