/// One HTTP request for ``CurlClient``.
public struct CurlRequest: Sendable {
    /// The method, sent as given (`GET`, `POST`, `PUT`, `DELETE`, `PATCH`, `HEAD`, ...).
    public var method: String
    /// An absolute `http://` or `https://` URL. Other schemes are refused.
    public var url: String
    /// Request headers in order. `Expect:` is suppressed unless set here.
    public var headers: [(name: String, value: String)]
    /// The request body; sent with `Content-Length`.
    public var body: [UInt8]?
    /// Time allowed to establish the connection (TCP and TLS). Default 10 s.
    public var connectTimeout: Duration
    /// Time allowed for the whole exchange, body included; `nil` for none (streams). Default 60 s.
    public var timeout: Duration?
    /// Fails the transfer with ``CurlError/Code/timeout`` when no byte arrives for this long (a stalled stream),
    /// checked every 100 ms while the consumer is not the one holding things up; `nil` for none.
    public var idleTimeout: Duration?
    /// The most response-body bytes accepted (after decompression); past it the transfer fails with
    /// ``CurlError/Code/responseTooLarge``. Default 16 MiB.
    public var maxResponseBytes: Int
    /// Throw ``CurlError/Code/httpStatus`` (with the body) for a status outside 200...299. Default false.
    public var failOnHTTPError: Bool
    /// Redirects are not followed unless a policy is given; a 3xx is then returned to the caller.
    public var redirects: CurlRedirectPolicy?
    /// Ask for gzip/deflate/br and decode them. Default true.
    public var decompress: Bool

    public init(
        method: String = "GET",
        url: String,
        headers: [(name: String, value: String)] = [],
        body: [UInt8]? = nil,
        connectTimeout: Duration = .seconds(10),
        timeout: Duration? = .seconds(60),
        idleTimeout: Duration? = nil,
        maxResponseBytes: Int = 16 << 20,
        failOnHTTPError: Bool = false,
        redirects: CurlRedirectPolicy? = nil,
        decompress: Bool = true
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.connectTimeout = connectTimeout
        self.timeout = timeout
        self.idleTimeout = idleTimeout
        self.maxResponseBytes = maxResponseBytes
        self.failOnHTTPError = failOnHTTPError
        self.redirects = redirects
        self.decompress = decompress
    }

    /// A request with a UTF-8 string body.
    public init(method: String, url: String, headers: [(name: String, value: String)] = [], text: String) {
        self.init(method: method, url: url, headers: headers, body: Array(text.utf8))
    }
}

/// How ``CurlClient`` follows redirects (it follows them itself, so each target is checked before any
/// connection to it is made).
public struct CurlRedirectPolicy: Sendable {
    /// A redirect about to be followed.
    public struct Redirect: Sendable {
        /// The status of the 3xx response.
        public let status: Int
        /// The URL that answered with the redirect.
        public let from: String
        /// The absolute target URL (resolved by curl from `Location`).
        public let to: String
        /// How many redirects were followed before this one.
        public let count: Int
    }

    /// At most this many redirects; one more fails with ``CurlError/Code/tooManyRedirects``.
    public var maxRedirects: Int
    /// Called before each redirect; return false to stop with ``CurlError/Code/redirectRejected``.
    public var validate: @Sendable (Redirect) -> Bool

    public init(maxRedirects: Int = 5, validate: @escaping @Sendable (Redirect) -> Bool = { _ in true }) {
        self.maxRedirects = maxRedirects
        self.validate = validate
    }
}
