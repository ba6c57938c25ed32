public import Hummingbird

/// A set of routes that registers itself on the router. Each capability keeps its routes in its own
/// file (`Routes/<Name>Routes.swift`), takes its dependencies in its initialiser, and is passed to
/// `APIServer(routeGroups:)` by the executable. Every route must also be described in `openapi.yaml`
/// (a test fails otherwise).
public protocol APIRouteGroup: Sendable {
    func register(on router: Router<QuiverRequestContext>)
}

extension Response {
    /// A JSON response from an `Encodable` value (sorted keys, so bodies are stable).
    public static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let bytes = try JSONCoding.encode(value)
        return json(bytes: bytes, status: status)
    }

    /// A JSON response from already-encoded UTF-8 bytes.
    public static func json(bytes: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.contentLength] = String(bytes.count)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
