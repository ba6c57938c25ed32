public import Hummingbird

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension Request {
    /// Reads the body (at most `context.maxUploadSize` bytes, else 413) and decodes it as JSON.
    ///
    /// Malformed JSON throws a 400 naming line, column and offset; well-formed JSON of the wrong
    /// shape throws a 400 naming the JSON path of the offending field.
    public func decodeJSON<T: Decodable>(as type: T.Type, context: QuiverRequestContext) async throws -> T {
        if let contentType = headers[.contentType], !contentType.lowercased().hasPrefix("application/json") {
            throw APIError.unsupportedMediaType(contentType)
        }
        var buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: context.maxUploadSize)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw APIError.payloadTooLarge(limit: context.maxUploadSize, received: nil)
        }
        let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch let error as DecodingError {
            if let syntax = JSONSyntaxChecker().firstError(in: bytes) {
                throw APIError.malformedJSON(syntax)
            }
            throw APIError.invalidRequest(Self.describe(error), path: Self.path(of: error))
        }
    }

    static func path(of error: DecodingError) -> String {
        let codingPath: [any CodingKey]
        switch error {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c): codingPath = c.codingPath
        case .keyNotFound(let key, let c): codingPath = c.codingPath + [key]
        @unknown default: codingPath = []
        }
        var path = "$"
        for key in codingPath {
            if let i = key.intValue { path += "[\(i)]" } else { path += ".\(key.stringValue)" }
        }
        return path
    }

    static func describe(_ error: DecodingError) -> String {
        let path = path(of: error)
        switch error {
        case .typeMismatch(let type, _): return "\(path): expected a value of type \(type)"
        case .valueNotFound(let type, _): return "\(path): expected a value of type \(type), found null"
        case .keyNotFound(let key, _): return "\(path): required field '\(key.stringValue)' is missing"
        case .dataCorrupted(let c): return "\(path): \(c.debugDescription)"
        @unknown default: return "\(path): invalid value"
        }
    }
}
