internal import CCurl

/// Owns one `CURL *` easy handle and its error buffer; `deinit` frees both.
///
/// Thread confinement: the handle is configured by one task, then handed to the driver thread, which alone
/// touches it until the transfer ends. It is never used from two threads at once.
final class CurlEasy: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>

    init() throws(CurlError) {
        CurlGlobal.initialize()
        guard let handle = curl_easy_init() else {
            throw CurlError(.curl, "curl_easy_init failed (out of memory)")
        }
        self.handle = handle
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    /// Clears every option (keeps the handle's caches) and re-arms the error buffer.
    func reset() throws(CurlError) {
        curl_easy_reset(handle)
        errorBuffer[0] = 0
        try set(CURLOPT_ERRORBUFFER, pointer: UnsafeRawPointer(errorBuffer))
    }

    /// curl's detailed message for the last failure, else the generic text of `code`.
    func message(for code: CURLcode) -> String {
        if errorBuffer[0] != 0 { return String(cString: errorBuffer) }
        return String(cString: curl_easy_strerror(code))
    }

    func set(_ option: CURLoption, _ value: Int) throws(CurlError) {
        try check(quiver_curl_easy_setopt_long(handle, option, value), option)
    }

    func set(_ option: CURLoption, offset value: Int) throws(CurlError) {
        try check(quiver_curl_easy_setopt_off(handle, option, curl_off_t(value)), option)
    }

    /// Sets a string option; curl copies the string.
    func set(_ option: CURLoption, string value: String) throws(CurlError) {
        let code = value.withCString { quiver_curl_easy_setopt_ptr(handle, option, $0) }
        try check(code, option)
    }

    func set(_ option: CURLoption, pointer value: UnsafeRawPointer?) throws(CurlError) {
        try check(quiver_curl_easy_setopt_ptr(handle, option, value), option)
    }

    func set(_ option: CURLoption, callback: quiver_curl_data_callback) throws(CurlError) {
        try check(quiver_curl_easy_setopt_data_callback(handle, option, callback), option)
    }

    func setOpenSocket(_ callback: curl_opensocket_callback) throws(CurlError) {
        try check(quiver_curl_easy_setopt_opensocket_callback(handle, callback), CURLOPT_OPENSOCKETFUNCTION)
    }

    /// Copies `bytes` as the request body (`CURLOPT_POSTFIELDSIZE_LARGE` + `CURLOPT_COPYPOSTFIELDS`).
    func setBody(_ bytes: [UInt8]) throws(CurlError) {
        try set(CURLOPT_POSTFIELDSIZE_LARGE, offset: bytes.count)
        let code = bytes.withUnsafeBytes { raw -> CURLcode in
            // An empty array may have no base address; curl needs a valid pointer even for 0 bytes.
            if let base = raw.baseAddress { return quiver_curl_easy_setopt_ptr(handle, CURLOPT_COPYPOSTFIELDS, base) }
            return "".withCString { quiver_curl_easy_setopt_ptr(handle, CURLOPT_COPYPOSTFIELDS, $0) }
        }
        try check(code, CURLOPT_COPYPOSTFIELDS)
    }

    func long(_ info: CURLINFO) -> Int? {
        var value = 0
        guard quiver_curl_easy_getinfo_long(handle, info, &value) == CURLE_OK else { return nil }
        return value
    }

    func string(_ info: CURLINFO) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard quiver_curl_easy_getinfo_ptr(handle, info, &value) == CURLE_OK, let value else { return nil }
        return String(cString: value)
    }

    func offset(_ info: CURLINFO) -> Int? {
        var value: curl_off_t = 0
        guard quiver_curl_easy_getinfo_off(handle, info, &value) == CURLE_OK else { return nil }
        return Int(exactly: value)
    }

    private func check(_ code: CURLcode, _ option: CURLoption) throws(CurlError) {
        guard code != CURLE_OK else { return }
        let kind: CurlError.Code = code == CURLE_UNSUPPORTED_PROTOCOL || code == CURLE_URL_MALFORMAT ? .invalidRequest : .curl
        throw CurlError(kind, "curl_easy_setopt(\(option.rawValue)) failed: \(String(cString: curl_easy_strerror(code)))",
                        curlCode: Int(code.rawValue))
    }
}

/// Owns a `curl_slist` (request header list); `deinit` frees it.
final class CurlSlist: @unchecked Sendable {
    private(set) var pointer: UnsafeMutablePointer<curl_slist>?

    init(_ lines: [String]) throws(CurlError) {
        for line in lines {
            guard let next = line.withCString({ curl_slist_append(pointer, $0) }) else {
                throw CurlError(.curl, "curl_slist_append failed (out of memory)")
            }
            pointer = next
        }
    }

    deinit { curl_slist_free_all(pointer) }
}

/// `curl_global_init`, once per process.
enum CurlGlobal {
    private static let result: CURLcode = curl_global_init(Int(CURL_GLOBAL_ALL))

    static func initialize() { _ = result }

    static var succeeded: Bool { result == CURLE_OK }
}
