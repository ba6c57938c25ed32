/// A request as the test server parsed it.
public struct TestHTTPRequest: Sendable {
    public let method: String
    /// The request target, query included ("/v1/chat?x=1").
    public let target: String
    public let headers: [(name: String, value: String)]
    public let body: [UInt8]
    /// 1-based number of the connection (in accept order) this request came on.
    public let connection: Int

    /// The path without the query.
    public var path: String { String(target.prefix { $0 != "?" }) }
    /// The query string after "?", or "".
    public var query: String {
        guard let mark = target.firstIndex(of: "?") else { return "" }
        return String(target[target.index(after: mark)...])
    }
    public var text: String { String(decoding: body, as: UTF8.self) }

    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }
}

/// What the test server does with one request.
public struct TestHTTPResponse: Sendable {
    public enum Body: Sendable {
        /// A body with `Content-Length`.
        case bytes([UInt8])
        /// `count` copies of `byte`, written in 64 KiB slices with `Content-Length`.
        case repeated(UInt8, count: Int)
        /// `Transfer-Encoding: chunked`, one chunk every `interval`; `truncated` closes the connection
        /// without the final empty chunk.
        case chunked([[UInt8]], interval: Duration, truncated: Bool)
        /// `Transfer-Encoding: chunked`: `first`, then nothing until `gate` returns true (polled; at most
        /// `timeout`), then `rest`. A client that buffers the body until its end never sees `first` in
        /// time to open the gate, so a test can prove streaming without timing anything.
        case gated(first: [UInt8], rest: [UInt8], gate: @Sendable () -> Bool, timeout: Duration)
    }

    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: Body
    /// Sleep before writing anything (a slow server).
    public var delay: Duration
    /// Close the connection after this response.
    public var close: Bool
    /// Close the connection without answering at all.
    public var drop: Bool

    public init(status: Int = 200, headers: [(name: String, value: String)] = [], body: Body = .bytes([]),
                delay: Duration = .zero, close: Bool = false, drop: Bool = false) {
        self.status = status
        self.headers = headers
        self.body = body
        self.delay = delay
        self.close = close
        self.drop = drop
    }

    public static func text(_ text: String, status: Int = 200, headers: [(name: String, value: String)] = []) -> TestHTTPResponse {
        TestHTTPResponse(status: status, headers: [("Content-Type", "text/plain")] + headers, body: .bytes(Array(text.utf8)))
    }

    public static func json(_ json: String, status: Int = 200, headers: [(name: String, value: String)] = []) -> TestHTTPResponse {
        TestHTTPResponse(status: status, headers: [("Content-Type", "application/json")] + headers, body: .bytes(Array(json.utf8)))
    }

    public static func redirect(to location: String, status: Int = 302) -> TestHTTPResponse {
        TestHTTPResponse(status: status, headers: [("Location", location)], body: .bytes(Array("moved".utf8)))
    }

    /// Server-sent events: each element is written as one chunk.
    public static func events(_ events: [String], interval: Duration = .milliseconds(1), truncated: Bool = false) -> TestHTTPResponse {
        TestHTTPResponse(status: 200, headers: [("Content-Type", "text/event-stream"), ("Cache-Control", "no-cache")],
                         body: .chunked(events.map { Array($0.utf8) }, interval: interval, truncated: truncated))
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 201: "Created"
        case 204: "No Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 303: "See Other"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 404: "Not Found"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}
