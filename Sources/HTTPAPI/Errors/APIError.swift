public import HTTPTypes
import Hummingbird

/// The one error type HTTPAPI turns into a response. Every error body has the shape
/// `{"error": {"type": "...", "message": "...", ...details}}`.
///
/// Other modules' errors become an `APIError` through ``APIErrorConvertible`` (conform in an
/// HTTPAPI file, `APIError+<Module>.swift`); anything else is a 500 whose details are logged, never sent.
public struct APIError: Error, Sendable, CustomStringConvertible {
    /// Machine-readable error type, e.g. `not_found`, `payload_too_large`.
    public let type: String
    public let status: HTTPResponse.Status
    public let message: String
    /// Extra fields of the error object (line, column, limit...).
    public let details: [String: ErrorDetail]
    /// Extra response headers (e.g. `Retry-After`).
    public let headers: HTTPFields

    public init(
        type: String,
        status: HTTPResponse.Status,
        message: String,
        details: [String: ErrorDetail] = [:],
        headers: HTTPFields = [:]
    ) {
        self.type = type
        self.status = status
        self.message = message
        self.details = details
        self.headers = headers
    }

    public var description: String { "\(status.code) \(type): \(message)" }
}

/// A scalar detail field of an error body.
public enum ErrorDetail: Sendable, Equatable, Encodable {
    case int(Int)
    case double(Double)
    case string(String)
    case bool(Bool)

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .int(let v): try container.encode(v)
        case .double(let v): try container.encode(v)
        case .string(let v): try container.encode(v)
        case .bool(let v): try container.encode(v)
        }
    }
}

/// Conform an error type to this (in HTTPAPI) to choose its HTTP status and body.
public protocol APIErrorConvertible: Error {
    var apiError: APIError { get }
}

extension APIError {
    public static func notFound(_ message: String) -> APIError {
        APIError(type: "not_found", status: .notFound, message: message)
    }

    public static func methodNotAllowed(method: String, path: String) -> APIError {
        APIError(type: "method_not_allowed", status: .methodNotAllowed, message: "\(method) is not allowed on \(path)")
    }

    public static func unauthorized(_ message: String) -> APIError {
        var headers = HTTPFields()
        headers[.wwwAuthenticate] = "Bearer realm=\"quiver\""
        return APIError(type: "unauthorized", status: .unauthorized, message: message, headers: headers)
    }

    public static func rateLimited(retryAfterSeconds: Int, limitPerMinute: Int, burst: Int) -> APIError {
        var headers = HTTPFields()
        headers[.retryAfter] = String(retryAfterSeconds)
        return APIError(
            type: "rate_limited",
            status: .tooManyRequests,
            message: "rate limit of \(limitPerMinute) requests per minute (burst \(burst)) exceeded; retry after \(retryAfterSeconds) s",
            details: ["retry_after_seconds": .int(retryAfterSeconds), "limit_per_minute": .int(limitPerMinute), "burst": .int(burst)],
            headers: headers
        )
    }

    public static func payloadTooLarge(limit: Int, received: Int?) -> APIError {
        var details: [String: ErrorDetail] = ["limit_bytes": .int(limit)]
        let amount: String
        if let received {
            details["received_bytes"] = .int(received)
            amount = "\(received) bytes"
        } else {
            amount = "more"
        }
        return APIError(
            type: "payload_too_large",
            status: .contentTooLarge,
            message: "request body of \(amount) exceeds the limit of \(limit) bytes (body_limit_bytes)",
            details: details
        )
    }

    public static func malformedJSON(_ error: JSONSyntaxError) -> APIError {
        APIError(
            type: "malformed_json",
            status: .badRequest,
            message: "malformed JSON at line \(error.line), column \(error.column) (byte offset \(error.offset)): \(error.reason)",
            details: ["line": .int(error.line), "column": .int(error.column), "offset": .int(error.offset)]
        )
    }

    public static func invalidRequest(_ message: String, path: String? = nil) -> APIError {
        var details: [String: ErrorDetail] = [:]
        if let path { details["path"] = .string(path) }
        return APIError(type: "invalid_request", status: .badRequest, message: message, details: details)
    }

    public static func unsupportedMediaType(_ contentType: String) -> APIError {
        APIError(
            type: "unsupported_media_type",
            status: .unsupportedMediaType,
            message: "expected Content-Type application/json, got \(contentType)"
        )
    }

    public static func unavailable(_ message: String) -> APIError {
        APIError(type: "unavailable", status: .serviceUnavailable, message: message)
    }

    public static let internalError = APIError(
        type: "internal_error",
        status: .internalServerError,
        message: "internal error; see the server log for this request id"
    )
}

extension APIError {
    /// 400 naming the request field at fault: `field` (a body field or query parameter such as `limit`,
    /// `cursor`, `query`) and `path`, the same as a JSON path.
    public static func invalidField(_ field: String, _ message: String) -> APIError {
        APIError(
            type: "invalid_request", status: .badRequest, message: message,
            details: ["field": .string(field), "path": .string("$." + field)])
    }
}
