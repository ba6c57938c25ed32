import TestKit

/// The scripted routes the CurlHTTP tests use.
func testRoutes(_ request: TestHTTPRequest) -> TestHTTPResponse {
    let query = request.query
    func number(_ name: String, _ fallback: Int) -> Int {
        for pair in query.split(separator: "&") where pair.hasPrefix("\(name)=") {
            return Int(pair.dropFirst(name.count + 1)) ?? fallback
        }
        return fallback
    }
    switch request.path {
    case "/hello":
        return .text("hello")
    case "/echo":
        let summary = "\(request.method)|\(request.header("X-Test") ?? "-")|\(request.header("Content-Type") ?? "-")|\(request.text)"
        return .text(summary)
    case "/slow":
        var response = TestHTTPResponse.text("slow")
        response.delay = .milliseconds(number("ms", 2000))
        return response
    case "/stream":
        let chunks = (0..<number("n", 3)).map { Array("chunk\($0);".utf8) }
        return TestHTTPResponse(headers: [("Content-Type", "text/plain")], body: .chunked(chunks, interval: .milliseconds(number("ms", 100)), truncated: false))
    case "/truncated":
        return TestHTTPResponse(body: .chunked([Array("part".utf8)], interval: .zero, truncated: true))
    case "/huge":
        return TestHTTPResponse(body: .repeated(UInt8(ascii: "x"), count: number("bytes", 8 << 20)))
    case "/huge-chunked":
        let chunk = [UInt8](repeating: UInt8(ascii: "y"), count: 65536)
        return TestHTTPResponse(body: .chunked(Array(repeating: chunk, count: number("n", 64)), interval: .zero, truncated: false))
    case "/redirect":
        return .redirect(to: "/hello")
    case "/redirect-post":
        return .redirect(to: "/echo", status: number("status", 302))
    case "/loop":
        return .redirect(to: "/loop")
    case "/status":
        return .text("boom \(number("code", 500))", status: number("code", 500))
    case "/drop":
        return TestHTTPResponse(drop: true)
    default:
        return .text("not found", status: 404)
    }
}
