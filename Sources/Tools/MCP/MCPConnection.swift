import MCP
import SystemPackage

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One open MCP client: over a stdio child process (which this connection owns and ends) or streamable HTTP.
/// `Process` and `Pipe` are not `Sendable`; they are only read to check and end the child.
struct MCPConnection: @unchecked Sendable {
    let client: Client
    let process: Process?
    let pipes: [Pipe]

    /// The child's process id (nil for HTTP).
    var processID: Int32? { process?.processIdentifier }

    /// False once the stdio child has exited; HTTP connections count as alive (a failed request tells).
    var isAlive: Bool { process?.isRunning ?? true }

    static func open(_ server: MCPServerConfig) async throws -> MCPConnection {
        let client = Client(name: "quiver", version: "1")
        switch server.transport {
        case .http(let url):
            guard let endpoint = URL(string: url), endpoint.scheme == "http" || endpoint.scheme == "https" else {
                throw MCPCallError("bad URL \(url)", transient: false)
            }
            do {
                _ = try await client.connect(transport: HTTPClientTransport(endpoint: endpoint, streaming: false))
            } catch {
                await client.disconnect()
                throw MCPCallError("could not connect to \(url): \(MCPToolHub.describe(error))", transient: true)
            }
            return MCPConnection(client: client, process: nil, pipes: [])
        case .stdio(let command):
            guard let executable = command.first else { throw MCPCallError("empty command", transient: false) }
            // A write to the pipe of a child that has died must fail with EPIPE, not kill this process
            // with SIGPIPE (the default action). Process-wide; servers ignore SIGPIPE anyway.
            signal(SIGPIPE, SIG_IGN)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = Array(command.dropFirst())
            let toChild = Pipe(), fromChild = Pipe()
            process.standardInput = toChild
            process.standardOutput = fromChild
            process.standardError = FileHandle.nullDevice
            do {
                try process.run()
            } catch {
                throw MCPCallError("could not start \(executable): \(error)", transient: true)
            }
            let connection = MCPConnection(client: client, process: process, pipes: [toChild, fromChild])
            let transport = StdioTransport(
                input: FileDescriptor(rawValue: fromChild.fileHandleForReading.fileDescriptor),
                output: FileDescriptor(rawValue: toChild.fileHandleForWriting.fileDescriptor))
            do {
                _ = try await client.connect(transport: transport)
            } catch {
                await connection.close(grace: .seconds(1))
                throw MCPCallError("could not connect to \(executable): \(MCPToolHub.describe(error))", transient: true)
            }
            return connection
        }
    }

    /// Disconnects; a child gets SIGTERM (its stdin closed too) and `grace` to exit, then SIGKILL, and is waited for.
    func close(grace: Duration) async {
        await client.disconnect()
        guard let process else { return }
        if process.isRunning {
            process.terminate()
            let deadline = ContinuousClock.now + grace
            while process.isRunning, ContinuousClock.now < deadline {
                try? await Task.sleep(for: .milliseconds(10))
            }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                let hard = ContinuousClock.now + .seconds(2)
                while process.isRunning, ContinuousClock.now < hard {
                    try? await Task.sleep(for: .milliseconds(10))
                }
            }
        }
        for pipe in pipes {
            try? pipe.fileHandleForWriting.close()
            try? pipe.fileHandleForReading.close()
        }
    }
}
