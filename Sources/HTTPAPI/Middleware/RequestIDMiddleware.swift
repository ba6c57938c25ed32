public import HTTPTypes
public import Hummingbird
import Logging
import Synchronization

/// Takes the request id from `X-Request-Id` (when it is 1-128 characters of `[A-Za-z0-9._:-]`),
/// generates one otherwise, puts it in the logger's metadata and echoes it in the response.
public struct RequestIDMiddleware: RouterMiddleware {
    public typealias Context = QuiverRequestContext

    public init() {}

    public func handle(
        _ request: Request,
        context: QuiverRequestContext,
        next: (Request, QuiverRequestContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        let id = request.headers[.xRequestID].flatMap(Self.accept) ?? Self.generate()
        context.requestID = id
        context.logger[metadataKey: "hb.request.id"] = nil
        context.logger[metadataKey: "request_id"] = .string(id)
        var response = try await RequestTaskLocals.$requestID.withValue(id) { try await next(request, context) }
        response.headers[.xRequestID] = id
        return response
    }

    static func accept(_ candidate: String) -> String? {
        let utf8 = candidate.utf8
        guard !utf8.isEmpty, utf8.count <= 128 else { return nil }
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":"):
                continue
            default:
                return nil
            }
        }
        return candidate
    }

    /// 32 hex digits: a random 64-bit prefix drawn once per process, then a per-process counter.
    /// Unique across requests and (with overwhelming probability) across replicas, without a
    /// `getrandom` system call per request.
    static func generate() -> String {
        let sequence = counter.add(1, ordering: .relaxed).newValue
        return hex16(prefix) + hex16(sequence)
    }

    private static let prefix: UInt64 = {
        var generator = SystemRandomNumberGenerator()
        return generator.next()
    }()

    private static let counter = Atomic<UInt64>(0)

    private static func hex16(_ value: UInt64) -> String {
        String(unsafeUninitializedCapacity: 16) { buffer in
            let digits: StaticString = "0123456789abcdef"
            digits.withUTF8Buffer { table in
                for i in 0..<16 {
                    buffer[i] = table[Int((value >> UInt64(60 - 4 * i)) & 0xF)]
                }
            }
            return 16
        }
    }
}

extension HTTPField.Name {
    /// `X-Request-Id`.
    public static let xRequestID: HTTPField.Name = {
        guard let name = HTTPField.Name("X-Request-Id") else { preconditionFailure("constant header name is valid") }
        return name
    }()
}
