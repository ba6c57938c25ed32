import Foundation
import TestKit
import Testing

@testable import Analytics

@Suite struct CrashTests {
    /// The crash writer is built next to the test bundle (the test target depends on it).
    static func crashWriterPath() throws -> String {
        let exe = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        var directory = URL(fileURLWithPath: exe).deletingLastPathComponent()
        // macOS-style bundles nest the binary; walk up until the executable is found.
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("AnalyticsCrashWriter").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        throw AnalyticsError(.invalidArgument, "AnalyticsCrashWriter not found next to \(exe)")
    }

    @Test(.timeLimit(.minutes(2)))
    func sigkillUnderLoadLosesNoAcknowledgedRun() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("analytics.db")
        let writer = try Self.crashWriterPath()
        // The child runs, is read and is killed on a thread of its own: these waits block.
        let (received, reason, status) = try await onDedicatedThread { () throws -> (Data, Process.TerminationReason, Int32) in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: writer)
            process.arguments = [path, "8"]
            let output = Pipe()
            process.standardOutput = output
            try process.run()

            // Read acknowledgements until a good number arrived, then kill mid-stream.
            let reader = output.fileHandleForReading
            var received = Data()
            let deadline = Date().addingTimeInterval(60)
            while received.filter({ $0 == UInt8(ascii: "\n") }).count < 400 && Date() < deadline {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                received.append(chunk)
            }
            kill(process.processIdentifier, SIGKILL)
            // Everything it printed before dying is still in the pipe.
            received.append(reader.readDataToEndOfFile())
            process.waitUntilExit()
            return (received, process.terminationReason, process.terminationStatus)
        }
        #expect(reason == .uncaughtSignal)
        #expect(status == SIGKILL)

        let text = String(decoding: received, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        if !text.hasSuffix("\n"), !lines.isEmpty { lines.removeLast() }  // a torn last line was not acknowledged
        #expect(lines.count >= 400)

        // Restart: open (and migrate) as the service would, then check.
        let store = try AnalyticsStore(settings: AnalyticsSettings(path: path))
        #expect(try store.integrityCheck().isOK)
        let db = try Database(path: path, readOnly: true)
        let stored = Set(try db.query("SELECT id FROM runs").compactMap { $0.first?.string })
        let missing = lines.filter { !stored.contains($0) }
        #expect(missing.isEmpty, "acknowledged but missing: \(missing.prefix(5))")
        // Every surviving run has all its children (a run and its rows commit together).
        let orphans = try db.scalar(
            "SELECT COUNT(*) FROM runs r WHERE (SELECT COUNT(*) FROM tool_calls t WHERE t.run_seq = r.seq) <> 2 OR (SELECT COUNT(*) FROM llm_calls l WHERE l.run_seq = r.seq) <> 1"
        )
        #expect(orphans == .integer(0))
    }
}
