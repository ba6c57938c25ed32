import Catalog
import Sandbox

/// One failed attempt: its message, whether a retry may help, and the status for metrics.
struct AttemptFailure: Error {
    let message: String
    let transient: Bool
    let status: String
}

extension CatalogToolExecutor {
    /// One attempt: a concurrency slot and the call itself, both within the tool's timeout.
    func attemptCall(_ rt: ToolRuntime, _ arguments: JSONObject) async throws -> CatalogJSON {
        let name = rt.definition.name
        let deadline = ContinuousClock.now + .milliseconds(rt.timeoutMilliseconds)
        let limiter = rt.limiter
        let (acquired, timedOut) = limiter.tryAcquire() ? (true, false) : await withTaskGroup(of: Bool?.self) { group -> (Bool, Bool) in
            group.addTask {
                do {
                    try await limiter.acquire()
                    return true
                } catch {
                    return false
                }
            }
            group.addTask {
                try? await DeadlineWaiter.shared.wait(until: deadline)
                return nil
            }
            var acquired = false, timedOut = false, decided = false
            for await r in group {
                if let ok = r {
                    acquired = ok
                    if !decided { decided = true }
                } else if !decided {
                    timedOut = true
                    decided = true
                }
                group.cancelAll()
            }
            return (acquired, timedOut)
        }
        if timedOut {
            if acquired { limiter.release() }
            throw AttemptFailure(
                message: "tool '\(name)' waited longer than its timeout_ms (\(rt.timeoutMilliseconds)) for one of its "
                    + "max_concurrency (\(rt.maxConcurrency)) slots",
                transient: false, status: "timeout")
        }
        guard acquired else { throw CancellationError() }
        defer { limiter.release() }

        switch rt.definition.binding {
        case .builtin:
            // Synchronous and bounded by their own limits: nothing to interrupt, so no timer task.
            do { return try await dispatch(rt, arguments) } catch { throw classify(error, tool: name) }
        case .http(let binding):
            // libcurl enforces the rest of this attempt's time itself (connect and total), so no timer task.
            let remaining = deadline - ContinuousClock.now
            let ms = max(1, Int(remaining.components.seconds) * 1000 + Int(remaining.components.attoseconds / 1_000_000_000_000_000))
            guard let http else { throw classify(ToolFailure("HTTP tools are not enabled here"), tool: name) }
            do {
                return try await http.call(
                    rt.definition, binding, arguments: arguments, timeoutMilliseconds: ms, maxBytes: rt.responseMaxBytes,
                    reportedTimeout: rt.timeoutMilliseconds)
            } catch {
                throw classify(error, tool: name)
            }
        case .mcp:
            break
        }
        let outcome = await withTaskGroup(of: Result<CatalogJSON, any Error>?.self) { group -> Result<CatalogJSON, any Error>? in
            group.addTask {
                do { return .success(try await self.dispatch(rt, arguments)) } catch { return .failure(error) }
            }
            group.addTask {
                try? await DeadlineWaiter.shared.wait(until: deadline)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        switch outcome {
        case .none:
            if Task.isCancelled { throw CancellationError() }
            throw AttemptFailure(message: "tool '\(name)' timed out after timeout_ms (\(rt.timeoutMilliseconds) ms)", transient: true, status: "timeout")
        case .some(.success(let json)): return json
        case .some(.failure(let error)): throw classify(error, tool: name)
        }
    }

    func classify(_ error: any Error, tool: String) -> any Error {
        switch error {
        case let e as HTTPToolError:
            return AttemptFailure(message: "tool '\(tool)': \(e.message)", transient: e.isTransient, status: e.code == .timeout ? "timeout" : "error")
        case let e as ToolError:
            return AttemptFailure(message: "tool '\(tool)': \(e.description)", transient: false, status: "error")
        case let e as ToolFailure:
            return AttemptFailure(message: "tool '\(tool)': \(e.message)", transient: false, status: "error")
        case let e as MCPCallError:
            return AttemptFailure(message: "tool '\(tool)': \(e.message)", transient: e.transient, status: "error")
        case is CancellationError:
            return error
        default:
            return AttemptFailure(message: "tool '\(tool)': \(error)", transient: true, status: "error")
        }
    }

    /// Runs the tool by its binding.
    func dispatch(_ rt: ToolRuntime, _ arguments: JSONObject) async throws -> CatalogJSON {
        switch rt.definition.binding {
        case .builtin(let function):
            return try builtins.call(function, arguments: .object(arguments))
        case .http(let binding):
            guard let http else { throw ToolFailure("HTTP tools are not enabled here") }
            return try await http.call(
                rt.definition, binding, arguments: arguments, timeoutMilliseconds: rt.timeoutMilliseconds, maxBytes: rt.responseMaxBytes)
        case .mcp(let server, let tool):
            guard let mcp else { throw ToolFailure("MCP server '\(server)' is not configured") }
            return try await mcp.callTool(server: server, tool: tool, arguments: .object(arguments), timeoutMilliseconds: rt.timeoutMilliseconds)
        }
    }
}

/// An MCP call that failed: the server's error (`transient` when the server or its connection failed,
/// not when the tool reported an error result).
public struct MCPCallError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public let transient: Bool
    public init(_ message: String, transient: Bool) {
        self.message = message
        self.transient = transient
    }

    public var description: String { message }
}
