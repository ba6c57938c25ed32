import CurlHTTP

/// A streamed chat completion: ``ChatStreamChunk``s as the server sends them. Iterate once. Throws
/// ``LLMError`` (``LLMError/Code/truncatedStream`` when the stream ends before `data: [DONE]` or a finish
/// reason; ``LLMError/Code/server`` for an error event; ``LLMError/Code/invalidResponse`` for a bad chunk).
/// Dropping it before the end cancels the request.
public struct ChatCompletionStream: AsyncSequence, Sendable {
    public typealias Element = ChatStreamChunk

    let body: CurlBodyStream
    let maxEventBytes: Int

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(body: body.makeAsyncIterator(), parser: ServerSentEvents(maxEventBytes: maxEventBytes))
    }

    /// Reads the whole stream into one ``ChatCompletion`` (content joined, last finish reason, usage).
    public func collect() async throws -> ChatCompletion {
        var content = ""
        var finishReason: String?
        var usage: TokenUsage?
        for try await chunk in self {
            content += chunk.content
            finishReason = chunk.finishReason ?? finishReason
            usage = chunk.usage ?? usage
        }
        return ChatCompletion(content: content, finishReason: finishReason, usage: usage, model: nil, id: nil, attempts: 1)
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        var body: CurlBodyStream.AsyncIterator
        var parser: ServerSentEvents
        var pending: [String] = []
        var sawFinish = false
        var finished = false

        init(body: CurlBodyStream.AsyncIterator, parser: ServerSentEvents) {
            self.body = body
            self.parser = parser
        }

        public mutating func next() async throws -> ChatStreamChunk? {
            while !finished {
                if !pending.isEmpty {
                    let data = pending.removeFirst()
                    if data.trimmingWhitespace() == "[DONE]" {
                        finished = true
                        await drain()
                        return nil
                    }
                    return try decode(data)
                }
                let bytes: [UInt8]?
                do {
                    bytes = try await body.next()
                } catch let error as CurlError {
                    finished = true
                    if error.code == .connectionLost {
                        throw LLMError(.truncatedStream, "the stream broke before [DONE]: \(error.message)")
                    }
                    throw LLMClient.map(error)
                }
                guard let bytes else {
                    if let last = parser.finish() {
                        pending.append(last)
                        continue
                    }
                    finished = true
                    if sawFinish { return nil }
                    throw LLMError(.truncatedStream, "the stream ended without [DONE] or a finish reason")
                }
                do {
                    pending += try parser.feed(bytes)
                } catch {
                    finished = true
                    throw LLMError(.invalidResponse, "a server-sent event is larger than maxResponseBytes (\(parser.maxEventBytes) bytes)")
                }
            }
            return nil
        }

        private mutating func decode(_ data: String) throws -> ChatStreamChunk {
            let chunk: ChatChunkDTO
            do {
                chunk = try LLMClient.decode(Array(data.utf8), what: "a stream event's") { (json) throws(JSONField.ShapeError) in
                    try ChatChunkDTO(json: json)
                }
            } catch {
                finished = true
                throw error
            }
            if let error = chunk.error {
                finished = true
                throw LLMError(.server, "error event in the stream: \(error.message ?? "no message")", body: String(data.prefix(2048)))
            }
            let choice = chunk.choices.first
            if choice?.finishReason != nil { sawFinish = true }
            return ChatStreamChunk(content: choice?.content ?? "", finishReason: choice?.finishReason, usage: chunk.usage)
        }

        /// Reads what follows `[DONE]` so the connection ends cleanly and can be reused.
        private mutating func drain() async {
            var budget = 64 * 1024
            while budget > 0, let bytes = try? await body.next() { budget -= bytes.count }
        }
    }
}
