import FoundationEssentials
import Synchronization

/// An in-process OpenAI-compatible server for tests: answers `POST /v1/chat/completions` (plain and
/// streamed) and `POST /v1/embeddings` from a queue of scripted replies, and records every request.
/// With an empty queue, chat answers "ok" (streamed when asked) and embeddings are computed from the inputs.
public final class FakeOpenAIServer: Sendable {
    public indirect enum Reply: Sendable {
        /// A normal completion with usage.
        case chat(String, promptTokens: Int = 10, completionTokens: Int = 5, finishReason: String = "stop")
        /// Server-sent events, one delta per chunk, then a finish reason, usage and `[DONE]`; `truncated` closes
        /// the connection after the deltas.
        case stream([String], truncated: Bool = false)
        /// Any status and body.
        case status(Int, body: String, headers: [(name: String, value: String)] = [])
        /// 200 with a body that is not JSON.
        case garbage(String)
        /// `reply` after `delay`.
        case slow(Duration, Reply)
        /// Embeddings of dimension 3: [characters, position in batch, 1]; `reversed` lists them in reverse
        /// order (with their `index`), as some servers do.
        case embeddings(reversed: Bool)
        /// Close the connection without answering.
        case drop
    }

    /// A request the server received.
    public struct Recorded: Sendable {
        public let path: String
        public let query: String
        public let headers: [(name: String, value: String)]
        public let body: String
        public let at: ContinuousClock.Instant

        public func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    private struct State {
        var queue: [Reply] = []
        var recorded: [Recorded] = []
    }

    private final class Store: Sendable {
        let state = Mutex(State())
    }

    private let store = Store()
    private let server: TestHTTPServer

    public init() throws {
        let store = store
        server = try TestHTTPServer { request in FakeOpenAIServer.answer(request, store: store) }
    }

    /// "http://127.0.0.1:PORT/v1"
    public var baseURL: String { server.baseURL + "/v1" }
    public var acceptedConnections: Int { server.acceptedConnections }

    public func enqueue(_ replies: Reply...) { store.state.withLock { $0.queue += replies } }

    public var requests: [Recorded] { store.state.withLock { $0.recorded } }

    public func stop() async { await server.stop() }

    private static func answer(_ request: TestHTTPRequest, store: Store) -> TestHTTPResponse {
        let reply = store.state.withLock { state -> Reply? in
            state.recorded.append(Recorded(path: request.path, query: request.query, headers: request.headers, body: request.text, at: .now))
            return state.queue.isEmpty ? nil : state.queue.removeFirst()
        }
        let streaming = request.text.contains(#""stream":true"#)
        let fallback: Reply = request.path.hasSuffix("/embeddings") ? .embeddings(reversed: false) : streaming ? .stream(["ok"]) : .chat("ok")
        return render(reply ?? fallback, request: request)
    }

    private static func render(_ reply: Reply, request: TestHTTPRequest) -> TestHTTPResponse {
        switch reply {
        case .chat(let content, let prompt, let completion, let finish):
            let json = #"{"id":"chatcmpl-1","object":"chat.completion","model":"fake","choices":[{"index":0,"message":{"role":"assistant","content":"#
                + quote(content) + #"},"finish_reason":""# + finish + #""}],"usage":{"prompt_tokens":\#(prompt),"completion_tokens":\#(completion),"total_tokens":\#(prompt + completion)}}"#
            return .json(json)
        case .stream(let deltas, let truncated):
            var events = deltas.map { #"data: {"choices":[{"index":0,"delta":{"content":"# + quote($0) + #"},"finish_reason":null}]}"# + "\n\n" }
            if !truncated {
                events.append(#"data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"# + "\n\n")
                events.append(#"data: {"choices":[],"usage":{"prompt_tokens":7,"completion_tokens":\#(deltas.count),"total_tokens":\#(7 + deltas.count)}}"# + "\n\n")
                events.append("data: [DONE]\n\n")
            }
            return .events(events, truncated: truncated)
        case .status(let status, let body, let headers):
            return .json(body, status: status, headers: headers)
        case .garbage(let text):
            return .json(text)
        case .slow(let delay, let inner):
            var response = render(inner, request: request)
            response.delay = delay
            return response
        case .embeddings(let reversed):
            struct Input: Decodable { var input: [String] }
            let inputs = (try? JSONDecoder().decode(Input.self, from: Data(request.body)))?.input ?? []
            var items = inputs.enumerated().map { index, text in
                #"{"object":"embedding","index":\#(index),"embedding":[\#(text.count).0,\#(index).0,1.0]}"#
            }
            if reversed { items.reverse() }
            let tokens = inputs.count * 2
            return .json(#"{"object":"list","model":"fake-embed","data":["# + items.joined(separator: ",")
                + #"],"usage":{"prompt_tokens":\#(tokens),"total_tokens":\#(tokens)}}"#)
        case .drop:
            return TestHTTPResponse(drop: true)
        }
    }

    private static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
