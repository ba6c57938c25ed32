import CurlHTTP

/// A failed HTTP tool call: a code (retryable or not) and a message naming the rule or limit.
public struct HTTPToolError: Error, Sendable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        case hostNotAllowed, addressNotAllowed, redirectNotAllowed, timeout, tooLarge, connection, badResponse
        case status(Int)
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// Whether trying again may help (timeouts, connection failures, 429 and 5xx).
    public var isTransient: Bool {
        switch code {
        case .timeout, .connection: true
        case .status(let s): s == 429 || s >= 500
        default: false
        }
    }

    static func from(_ e: CurlError, policy: HostPolicy, maxBytes: Int, timeoutMilliseconds: Int) -> HTTPToolError {
        switch e.code {
        case .addressRejected:
            return HTTPToolError(
                .addressNotAllowed,
                "connection refused by the address policy: \(e.message) (non-public addresses need tools.allowed_networks)")
        case .redirectRejected:
            return HTTPToolError(.redirectNotAllowed, "\(e.message): redirect target host is not on the allow-list (tools.allowed_hosts)")
        case .tooManyRedirects: return HTTPToolError(.redirectNotAllowed, e.message)
        case .timeout: return HTTPToolError(.timeout, "timed out after \(timeoutMilliseconds) ms (timeout_ms)")
        case .responseTooLarge: return HTTPToolError(.tooLarge, "response larger than response_max_bytes (\(maxBytes) bytes)")
        case .connectFailed, .connectionLost: return HTTPToolError(.connection, e.message)
        case .cancelled: return HTTPToolError(.connection, "cancelled")
        default: return HTTPToolError(.badResponse, e.message)
        }
    }
}
