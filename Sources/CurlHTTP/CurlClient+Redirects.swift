extension CurlClient {
    /// The request for the redirect `head` asks for, or nil when it is not to be followed.
    /// - Throws: ``CurlError/Code/tooManyRedirects``, ``CurlError/Code/redirectRejected``.
    static func redirect(from head: CurlResponseHead, request: CurlRequest, followed: Int) throws(CurlError) -> CurlRequest? {
        guard let policy = request.redirects, [301, 302, 303, 307, 308].contains(head.status), let target = head.redirectURL else {
            return nil
        }
        guard followed < policy.maxRedirects else {
            throw CurlError(.tooManyRedirects, "more than maxRedirects (\(policy.maxRedirects)) redirects", url: request.url, status: head.status)
        }
        let redirect = CurlRedirectPolicy.Redirect(status: head.status, from: head.url, to: target, count: followed)
        guard policy.validate(redirect) else {
            throw CurlError(.redirectRejected, "redirect to \(CurlError.redact(target)) rejected by the redirect policy", url: request.url, status: head.status)
        }
        var next = request
        next.url = target
        let method = request.method.uppercased()
        if head.status == 303 && method != "HEAD" || (head.status == 301 || head.status == 302) && method == "POST" {
            next.method = "GET"
            next.body = nil
            next.headers.removeAll { ["content-type", "content-length"].contains($0.name.lowercased()) }
        }
        if origin(of: target) != origin(of: request.url) {
            next.headers.removeAll { ["authorization", "cookie", "proxy-authorization"].contains($0.name.lowercased()) }
        }
        return next
    }

    /// `scheme://host:port` of an absolute URL, lowercased, without user info.
    static func origin(of url: String) -> String {
        let lower = url.lowercased()
        let chars = Array(lower)
        var schemeEnd: Int?
        var i = 0
        while i + 2 < chars.count {
            if chars[i] == ":" && chars[i + 1] == "/" && chars[i + 2] == "/" {
                schemeEnd = i
                break
            }
            i += 1
        }
        guard let schemeEnd else { return lower }
        let scheme = String(chars[..<schemeEnd])
        var authority = Substring(String(chars[(schemeEnd + 3)...])).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        let hasPort = authority.hasPrefix("[") ? authority.contains("]:") : authority.contains(":")
        let port = hasPort ? "" : (scheme == "https" ? ":443" : ":80")
        return "\(scheme)://\(authority)\(port)"
    }
}
