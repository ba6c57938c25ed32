/// Response headers in arrival order, looked up without regard to case.
public struct CurlHeaders: Sendable, Sequence {
    public private(set) var fields: [(name: String, value: String)]

    public init(_ fields: [(name: String, value: String)] = []) { self.fields = fields }

    /// The first value of the header `name` (case-insensitive).
    public subscript(_ name: String) -> String? {
        let wanted = name.lowercased()
        return fields.first { $0.name.lowercased() == wanted }?.value
    }

    /// Every value of the header `name` (case-insensitive).
    public func values(_ name: String) -> [String] {
        let wanted = name.lowercased()
        return fields.filter { $0.name.lowercased() == wanted }.map(\.value)
    }

    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> { fields.makeIterator() }

    mutating func append(name: String, value: String) { fields.append((name, value)) }
}

/// Status line and headers of a response, known before its body.
public struct CurlResponseHead: Sendable {
    public let status: Int
    public let headers: CurlHeaders
    /// The IP address of the peer the connection went to (`CURLINFO_PRIMARY_IP`), e.g. "127.0.0.1".
    public let remoteIP: String?
    /// The URL that answered (after any followed redirects).
    public let url: String
    /// For a 3xx with `Location`: the absolute target (`CURLINFO_REDIRECT_URL`).
    public let redirectURL: String?
}

/// A buffered response: head and the whole body.
public struct CurlResponse: Sendable {
    public let head: CurlResponseHead
    public let body: [UInt8]

    public var status: Int { head.status }
    public var headers: CurlHeaders { head.headers }
    public var remoteIP: String? { head.remoteIP }
    /// The body decoded as UTF-8 (invalid bytes replaced).
    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// A response whose body arrives as it is received. Dropping it (or its body) before the end cancels the
/// transfer and frees its handle.
public struct CurlStreamingResponse: Sendable {
    public let head: CurlResponseHead
    public let body: CurlBodyStream

    public var status: Int { head.status }
    public var headers: CurlHeaders { head.headers }
}
