import CurlHTTP
import JSONCore
internal import FoundationEssentials

extension LLMClient {
    /// The URL for an API path ("/chat/completions"), with `api-version` when configured.
    func url(_ path: String) -> String {
        var base = configuration.baseURL
        while base.hasSuffix("/") { base.removeLast() }
        var url = base + path
        if let version = configuration.apiVersion {
            url += (url.contains("?") ? "&" : "?") + "api-version=" + LLMClient.percentEncode(version)
        }
        return url
    }

    func makeRequest(_ path: String, body: [UInt8], streaming: Bool) throws(LLMError) -> CurlRequest {
        var headers: [(name: String, value: String)] = [
            ("Content-Type", "application/json"),
            ("Accept", streaming ? "text/event-stream" : "application/json"),
        ]
        if let key = try keys.current() {
            let isBearer = configuration.authHeader.lowercased() == "authorization"
            headers.append((configuration.authHeader, isBearer ? "Bearer \(key)" : key))
        }
        headers += configuration.extraHeaders
        return CurlRequest(
            method: "POST", url: url(path), headers: headers, body: body,
            connectTimeout: configuration.connectTimeout,
            timeout: streaming ? nil : configuration.requestTimeout,
            idleTimeout: streaming ? configuration.streamIdleTimeout : nil,
            maxResponseBytes: configuration.maxResponseBytes)
    }

    /// One POST attempt; a 2xx response or an ``LLMError``.
    func post(_ path: String, body: [UInt8]) async throws -> CurlResponse {
        let request = try makeRequest(path, body: body, streaming: false)
        let response: CurlResponse
        do {
            response = try await http.execute(request)
        } catch let error as CurlError {
            throw LLMClient.map(error)
        }
        try LLMClient.check(status: response.status, headers: response.headers, body: response.body)
        return response
    }

    /// Runs `operation` until it succeeds, fails with a final error, or the attempts run out.
    /// Returns the value and the number of attempts made.
    func retrying<T: Sendable>(_ operation: @Sendable () async throws -> T) async throws -> (T, Int) {
        let policy = configuration.retry
        var attempt = 1
        while true {
            do {
                return (try await operation(), attempt)
            } catch let error as LLMError {
                guard error.isRetryable, attempt < max(1, policy.maxAttempts) else { throw error.with(attempts: attempt) }
                var wait = policy.backoff(after: attempt)
                if let asked = error.retryAfter {
                    guard asked <= policy.maxRetryAfter else {
                        throw LLMError(error.code, "\(error.message); Retry-After \(asked) exceeds maxRetryAfter \(policy.maxRetryAfter)",
                                       status: error.status, body: error.body, attempts: attempt, retryAfter: asked)
                    }
                    wait = asked
                }
                do {
                    try await Task.sleep(for: wait)
                } catch {
                    throw LLMError(.cancelled, "cancelled while waiting to retry", attempts: attempt)
                }
                attempt += 1
            } catch is CancellationError {
                throw LLMError(.cancelled, "the request was cancelled", attempts: attempt)
            }
        }
    }

    /// Maps a non-2xx response to an ``LLMError``.
    static func check(status: Int, headers: CurlHeaders, body: [UInt8]) throws(LLMError) {
        guard !(200..<300).contains(status) else { return }
        let text = String(decoding: body.prefix(4096), as: UTF8.self)
        let retryAfter = headers["retry-after"].flatMap { RetryAfter.parse($0, now: Date.now.timeIntervalSince1970) }
        let detail = errorMessage(text) ?? "HTTP \(status)"
        switch status {
        case 429:
            throw LLMError(.rateLimited, "rate limited: \(detail)", status: status, body: text, retryAfter: retryAfter)
        case 408:
            throw LLMError(.timeout, "the server timed out the request: \(detail)", status: status, body: text)
        case 500...599 where isValidationFailure(text):
            throw LLMError(.badRequest, "the server rejected the request (not retried): \(detail)", status: status, body: text)
        case 500...599:
            throw LLMError(.server, "server error: \(detail)", status: status, body: text, retryAfter: retryAfter)
        default:
            throw LLMError(.badRequest, "request rejected: \(detail)", status: status, body: text)
        }
    }

    /// llama.cpp (and llama-cpp-python) answer some invalid requests (a bad `response_format`, JSON schema or
    /// grammar) with 500; retrying cannot help.
    static func isValidationFailure(_ body: String) -> Bool {
        let lower = body.lowercased()
        let markers = ["response_format", "json_schema", "grammar", "invalid_request_error", "validation error", "json.exception", "schema"]
        return markers.contains { lower.contains($0) }
    }

    static func errorMessage(_ body: String) -> String? {
        ErrorDTO.envelope(Array(body.utf8))?.message
    }

    static func map(_ error: CurlError) -> LLMError {
        switch error.code {
        case .timeout: LLMError(.timeout, error.message, status: error.status)
        case .connectFailed, .connectionLost, .addressRejected: LLMError(.connect, error.message, status: error.status)
        case .cancelled: LLMError(.cancelled, error.message)
        case .responseTooLarge: LLMError(.invalidResponse, error.message, status: error.status)
        case .invalidRequest: LLMError(.configuration, error.message)
        default: LLMError(.connect, error.message, status: error.status)
        }
    }

    /// Parses a response body and reads it with `make`; any failure is an `invalidResponse` error that
    /// names the JSON path (or the byte position) and keeps the start of the body.
    static func decode<T>(
        _ body: [UInt8], what: String, _ make: (JSONField) throws(JSONField.ShapeError) -> T
    ) throws(LLMError) -> T {
        let excerpt = { String(decoding: body.prefix(2048), as: UTF8.self) }
        let tree: JSONValue
        do {
            tree = try JSONValue.read(body)
        } catch {
            throw LLMError(.invalidResponse, "\(what) response is not valid JSON at line \(error.line), column \(error.column): \(error.message)", body: excerpt())
        }
        do {
            return try make(JSONField(tree))
        } catch {
            throw LLMError(.invalidResponse, "\(what) response is not the expected JSON: \(error)", body: excerpt())
        }
    }

    static func percentEncode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let allowed = (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || [45, 46, 95, 126].contains(byte)
            if allowed {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return out
    }
}
