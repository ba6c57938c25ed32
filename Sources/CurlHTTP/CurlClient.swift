/// An async HTTP client over libcurl.
///
/// One client owns one curl multi handle, run on a dedicated thread (see `CurlDriver` for why), so
/// connections are reused across every request made through the same client and no Swift cooperative
/// thread blocks. Make one client per policy (e.g. one for the LLM endpoint, one for tools with a
/// ``Configuration/connectionFilter``) and keep it for the life of the process.
///
/// ```swift
/// let client = try CurlClient()
/// let response = try await client.execute(CurlRequest(url: "http://127.0.0.1:8080/health"))
/// print(response.status, response.text)
/// ```
///
/// Cancelling the calling task cancels the request: its easy handle is removed from the multi handle and
/// freed, and the call throws ``CurlError/Code/cancelled``.
public final class CurlClient: Sendable {
    /// Settings of one client.
    public struct Configuration: Sendable {
        /// At most this many simultaneous connections to one host; more requests wait in curl's queue. Default 32.
        public var maxConnectionsPerHost: Int
        /// Idle connections kept for reuse. Default 64.
        public var maxCachedConnections: Int
        /// Called with each numeric IP address ("10.0.0.1", "::1") before a new connection to it is opened;
        /// return false to refuse it (the request fails with ``CurlError/Code/addressRejected``). Runs for
        /// every new connection, including each redirect target and each address tried by happy eyeballs.
        /// Reused connections were checked when they were opened, and connections are only shared within one
        /// client, so give untrusted traffic its own client with a filter. Runs on the driver thread: keep it fast.
        public var connectionFilter: (@Sendable (String) -> Bool)?
        /// The `User-Agent` sent unless a request sets one.
        public var userAgent: String
        /// Body bytes a streaming response buffers before curl is paused until the consumer catches up. Default 1 MiB.
        public var streamBufferBytes: Int
        /// The proxy: nil uses curl's environment variables (`http_proxy`, `https_proxy`, `no_proxy`), "" uses
        /// none, "http://host:port" uses that one. A client with a ``connectionFilter`` should say "" (or the
        /// filter only sees the proxy's address).
        public var proxy: String?

        public init(
            maxConnectionsPerHost: Int = 32,
            maxCachedConnections: Int = 64,
            connectionFilter: (@Sendable (String) -> Bool)? = nil,
            userAgent: String = "Quiver-CurlHTTP/1",
            streamBufferBytes: Int = 1 << 20,
            proxy: String? = nil
        ) {
            self.proxy = proxy
            self.maxConnectionsPerHost = maxConnectionsPerHost
            self.maxCachedConnections = maxCachedConnections
            self.connectionFilter = connectionFilter
            self.userAgent = userAgent
            self.streamBufferBytes = streamBufferBytes
        }
    }

    public let configuration: Configuration
    private let driver: CurlDriver

    public init(configuration: Configuration = Configuration()) throws(CurlError) {
        self.configuration = configuration
        driver = try CurlDriver(
            maxConnectionsPerHost: max(0, configuration.maxConnectionsPerHost),
            maxCachedConnections: max(1, configuration.maxCachedConnections))
        try driver.start()
    }

    deinit { driver.stop() }

    /// Stops the driver thread; requests in flight and later ones fail with ``CurlError/Code/cancelled``.
    public func shutdown() { driver.stop() }

    /// Sends `request` and returns the whole response. Redirects are followed only when
    /// ``CurlRequest/redirects`` is set; a non-2xx status is returned unless ``CurlRequest/failOnHTTPError``.
    /// - Throws: ``CurlError``.
    public func execute(_ request: CurlRequest) async throws -> CurlResponse {
        var current = request
        var followed = 0
        while true {
            let response = try await executeOnce(current)
            if let next = try CurlClient.redirect(from: response.head, request: current, followed: followed) {
                current = next
                followed += 1
                continue
            }
            if current.failOnHTTPError && !(200..<300).contains(response.status) {
                throw CurlError(.httpStatus, "HTTP status \(response.status)", url: current.url, status: response.status, body: response.body)
            }
            return response
        }
    }

    /// Sends `request` and returns as soon as the status and headers arrive; the body follows in
    /// ``CurlStreamingResponse/body`` as curl receives it. ``CurlRequest/maxResponseBytes`` and the timeouts
    /// apply to the whole stream (set ``CurlRequest/timeout`` to nil and use ``CurlRequest/idleTimeout`` for
    /// long streams). With ``CurlRequest/failOnHTTPError``, a non-2xx body is read (within the cap) and thrown.
    /// - Throws: ``CurlError``.
    public func stream(_ request: CurlRequest) async throws -> CurlStreamingResponse {
        var current = request
        var followed = 0
        while true {
            let response = try await streamOnce(current)
            if let next = try CurlClient.redirect(from: response.head, request: current, followed: followed) {
                current = next
                followed += 1
                continue
            }
            if current.failOnHTTPError && !(200..<300).contains(response.status) {
                var body: [UInt8] = []
                for try await chunk in response.body { body += chunk }
                throw CurlError(.httpStatus, "HTTP status \(response.status)", url: current.url, status: response.status, body: body)
            }
            return response
        }
    }

    private func executeOnce(_ request: CurlRequest) async throws -> CurlResponse {
        if Task.isCancelled { throw CurlError(.cancelled, "the request was cancelled", url: request.url) }
        let transfer = try CurlTransfer(request: request, mode: .buffered, driver: driver, configuration: configuration)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<CurlResponse, any Error>) in
                if transfer.install(response: continuation) { driver.send(.add(transfer)) }
            }
        } onCancel: {
            transfer.cancel()
        }
    }

    private func streamOnce(_ request: CurlRequest) async throws -> CurlStreamingResponse {
        if Task.isCancelled { throw CurlError(.cancelled, "the request was cancelled", url: request.url) }
        let transfer = try CurlTransfer(request: request, mode: .streaming, driver: driver, configuration: configuration)
        let owner = CurlBodyStream.Owner(transfer, client: self)  // cancels the transfer if we throw or the body is dropped
        let head = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<CurlResponseHead, any Error>) in
                if transfer.install(head: continuation) { driver.send(.add(transfer)) }
            }
        } onCancel: {
            transfer.cancel()
        }
        return CurlStreamingResponse(head: head, body: CurlBodyStream(owner: owner))
    }
}

extension CurlClient {
    /// `GET url`, buffered.
    public func get(_ url: String, headers: [(name: String, value: String)] = [], timeout: Duration? = .seconds(60)) async throws -> CurlResponse {
        try await execute(CurlRequest(url: url, headers: headers, timeout: timeout))
    }

    /// `POST url` with `body`, buffered.
    public func post(_ url: String, headers: [(name: String, value: String)] = [], body: [UInt8], timeout: Duration? = .seconds(60)) async throws -> CurlResponse {
        try await execute(CurlRequest(method: "POST", url: url, headers: headers, body: body, timeout: timeout))
    }
}
