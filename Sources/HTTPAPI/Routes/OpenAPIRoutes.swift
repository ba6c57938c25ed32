public import Hummingbird

/// `GET /openapi.yaml`: the OpenAPI 3.1 description of every route, embedded in the binary.
public struct OpenAPIRoutes: APIRouteGroup {
    public init() {}

    /// The document as shipped (`Sources/HTTPAPI/Resources/openapi.yaml`).
    public static var document: [UInt8] { PackageResources.openapi_yaml }

    public func register(on router: Router<QuiverRequestContext>) {
        let body = ByteBuffer(bytes: Self.document)
        let length = String(body.readableBytes)
        router.get("/openapi.yaml") { _, _ -> Response in
            var headers = HTTPFields()
            headers[.contentType] = "application/yaml; charset=utf-8"
            headers[.contentLength] = length
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
        }
    }
}
