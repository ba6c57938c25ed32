/// An error of ``LLMClient``. Switch on ``code``; ``message`` says what happened and, for limits, the limit.
/// Messages and bodies never contain the API key; request prompts are never included.
public struct LLMError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// HTTP 429 after every attempt (or a `Retry-After` longer than the policy allows).
        public static let rateLimited = Code("rateLimited")
        /// HTTP 5xx after every attempt, or an error event inside a stream.
        public static let server = Code("server")
        /// The connect, total or stream-idle timeout passed, after every attempt.
        public static let timeout = Code("timeout")
        /// No connection could be made (or it was lost before a response), after every attempt.
        public static let connect = Code("connect")
        /// Any other 4xx, not retried (also llama.cpp's 500 for an invalid `response_format`/grammar);
        /// ``LLMError/status`` and ``LLMError/body`` are filled.
        public static let badRequest = Code("badRequest")
        /// A 2xx whose body is not the expected JSON (garbage, missing fields, too large).
        public static let invalidResponse = Code("invalidResponse")
        /// A stream that ended without `data: [DONE]` or a finish reason.
        public static let truncatedStream = Code("truncatedStream")
        /// The calling task was cancelled.
        public static let cancelled = Code("cancelled")
        /// The configuration is unusable: bad base URL, unreadable API key file.
        public static let configuration = Code("configuration")
    }

    public let code: Code
    public let message: String
    /// The HTTP status, when a response was received.
    public let status: Int?
    /// The start of the response body (at most 2 KiB), for HTTP errors.
    public let body: String?
    /// Attempts made before giving up.
    public let attempts: Int
    /// The server's `Retry-After`, when it sent one.
    public let retryAfter: Duration?

    public init(_ code: Code, _ message: String, status: Int? = nil, body: String? = nil, attempts: Int = 1, retryAfter: Duration? = nil) {
        self.code = code
        self.message = message
        self.status = status
        self.body = body.map { $0.count > 2048 ? String($0.prefix(2048)) + "…" : $0 }
        self.attempts = attempts
        self.retryAfter = retryAfter
    }

    func with(attempts: Int) -> LLMError {
        LLMError(code, message, status: status, body: body, attempts: attempts, retryAfter: retryAfter)
    }

    public var description: String {
        var text = "LLMError.\(code): \(message)"
        if let status { text += " (HTTP \(status))" }
        if attempts > 1 { text += " after \(attempts) attempts" }
        return text
    }

    /// Whether the retry policy may try again after this error.
    var isRetryable: Bool {
        code == .rateLimited || code == .server || code == .timeout || code == .connect
    }
}
