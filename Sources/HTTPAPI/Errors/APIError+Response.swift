public import Hummingbird
import NIOCore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension APIError: HTTPResponseError {
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        makeResponse()
    }

    /// The response for this error: JSON body, the error's headers, `Content-Type: application/json`.
    public func makeResponse() -> Response {
        var headers = self.headers
        headers[.contentType] = "application/json; charset=utf-8"
        let body = ByteBuffer(bytes: jsonBody())
        headers[.contentLength] = String(body.readableBytes)
        return Response(status: status, headers: headers, body: .init(byteBuffer: body))
    }

    /// `{"error": {"type": ..., "message": ..., details...}}` as UTF-8.
    public func jsonBody() -> [UInt8] {
        let envelope = Envelope(error: Body(type: type, message: message, details: details))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        if let data = try? encoder.encode(envelope) {
            return Array(data)
        }
        return Array(#"{"error":{"message":"error body could not be encoded","type":"internal_error"}}"#.utf8)
    }

    private struct Envelope: Encodable {
        let error: Body
    }

    private struct Body: Encodable {
        let type: String
        let message: String
        let details: [String: ErrorDetail]

        struct Key: CodingKey {
            let stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(type, forKey: Key(stringValue: "type"))
            try container.encode(message, forKey: Key(stringValue: "message"))
            for (key, value) in details where key != "type" && key != "message" {
                try container.encode(value, forKey: Key(stringValue: key))
            }
        }
    }
}

extension APIError {
    /// The one error-to-HTTP mapping: any error thrown by a route or middleware becomes an `APIError`.
    public static func from(_ error: any Error, request: Request, bodyLimit: Int) -> APIError {
        switch error {
        case let apiError as APIError:
            return apiError
        case let convertible as any APIErrorConvertible:
            return convertible.apiError
        case is CancellationError:
            return .unavailable("the request was cancelled: the server is shutting down or the client went away")
        case let syntax as JSONSyntaxError:
            return .malformedJSON(syntax)
        case let httpError as HTTPError:
            return from(httpError: httpError, request: request, bodyLimit: bodyLimit)
        case let responseError as any HTTPResponseError:
            return APIError(type: typeName(for: responseError.status), status: responseError.status, message: responseError.status.reasonPhrase)
        default:
            return .internalError
        }
    }

    private static func from(httpError: HTTPError, request: Request, bodyLimit: Int) -> APIError {
        switch httpError.status {
        case .notFound:
            return .notFound("no route for \(request.method) \(request.uri.path)")
        case .contentTooLarge:
            let declared = request.headers[.contentLength].flatMap { Int($0) }
            return .payloadTooLarge(limit: bodyLimit, received: declared)
        case .methodNotAllowed:
            return .methodNotAllowed(method: request.method.rawValue, path: request.uri.path)
        default:
            let message = httpError.body ?? httpError.status.reasonPhrase
            return APIError(type: typeName(for: httpError.status), status: httpError.status, message: message)
        }
    }

    static func typeName(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: return "invalid_request"
        case 401: return "unauthorized"
        case 403: return "forbidden"
        case 404: return "not_found"
        case 405: return "method_not_allowed"
        case 408: return "request_timeout"
        case 409: return "conflict"
        case 413: return "payload_too_large"
        case 415: return "unsupported_media_type"
        case 422: return "unprocessable"
        case 429: return "rate_limited"
        case 503: return "unavailable"
        case 500..<600: return "internal_error"
        default: return "http_\(status.code)"
        }
    }
}
