/// An error of ``CurlClient``: a code to switch on, a message naming the limit, the URL or curl's own words.
///
/// The URL in `url` has its query string removed (queries often carry keys); the message never contains
/// request headers or bodies.
public struct CurlError: Error, Sendable, CustomStringConvertible {
    /// What went wrong. A struct with static members rather than an enum, so cases can be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The connect timeout or the total timeout (or the idle timeout) passed; see ``CurlError/message``.
        public static let timeout = Code("timeout")
        /// No connection: DNS failure, refused, unreachable.
        public static let connectFailed = Code("connectFailed")
        /// The client's ``CurlClient/Configuration/connectionFilter`` refused the address.
        public static let addressRejected = Code("addressRejected")
        /// The response body went past ``CurlRequest/maxResponseBytes``.
        public static let responseTooLarge = Code("responseTooLarge")
        /// The Swift task was cancelled, or the client was shut down.
        public static let cancelled = Code("cancelled")
        /// A non-2xx status while ``CurlRequest/failOnHTTPError`` is set; ``CurlError/status`` and ``CurlError/body`` are filled.
        public static let httpStatus = Code("httpStatus")
        /// More redirects than ``CurlRedirectPolicy/maxRedirects``.
        public static let tooManyRedirects = Code("tooManyRedirects")
        /// The redirect validator refused a redirect target.
        public static let redirectRejected = Code("redirectRejected")
        /// The connection broke while sending or receiving (reset, closed early, empty reply).
        public static let connectionLost = Code("connectionLost")
        /// The request itself is unusable: bad URL, unsupported scheme, bad header.
        public static let invalidRequest = Code("invalidRequest")
        /// Any other libcurl failure; ``CurlError/curlCode`` and curl's message are given.
        public static let curl = Code("curl")
    }

    public let code: Code
    public let message: String
    /// The URL of the request, without its query string.
    public let url: String?
    /// The HTTP status, for ``Code/httpStatus`` (and for errors after the head arrived).
    public let status: Int?
    /// The response body, for ``Code/httpStatus``.
    public let body: [UInt8]?
    /// The libcurl result code (`CURLcode`), when curl reported the error.
    public let curlCode: Int?

    public init(_ code: Code, _ message: String, url: String? = nil, status: Int? = nil, body: [UInt8]? = nil, curlCode: Int? = nil) {
        self.code = code
        self.message = message
        self.url = url.map(CurlError.redact)
        self.status = status
        self.body = body
        self.curlCode = curlCode
    }

    /// The body decoded as UTF-8 (invalid bytes replaced), for messages.
    public var bodyText: String? { body.map { String(decoding: $0, as: UTF8.self) } }

    public var description: String {
        var text = "CurlError.\(code): \(message)"
        if let url { text += " (\(url))" }
        return text
    }

    static func redact(_ url: String) -> String {
        guard let index = url.firstIndex(where: { $0 == "?" || $0 == "#" }) else { return url }
        return String(url[..<index])
    }
}
