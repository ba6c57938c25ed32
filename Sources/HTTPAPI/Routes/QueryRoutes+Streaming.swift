import Hummingbird
import Orchestrator

/// One server-sent event.
struct ServerSentEvent: Sendable {
    var name: String?
    var data: String

    var bytes: ByteBuffer {
        var text = ""
        if let name { text += "event: \(name)\n" }
        for line in data.split(separator: "\n", omittingEmptySubsequences: false) { text += "data: \(line)\n" }
        return ByteBuffer(string: text + "\n")
    }
}

extension QueryRoutes {
    /// A `text/event-stream` response: `run` is given a sink whose events are written as they happen
    /// (named after their kind); the events it returns are written last. If the client goes away the
    /// run is cancelled.
    static func stream(
        map: @escaping @Sendable (PipelineEvent) -> ServerSentEvent? = { ServerSentEvent(name: $0.kind.rawValue, data: $0.json.serialized) },
        first: [ServerSentEvent] = [],
        _ run: @escaping @Sendable (any EventSink) async -> [ServerSentEvent]
    ) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-cache"
        let body = ResponseBody { writer in
            let (events, continuation) = AsyncStream.makeStream(of: ServerSentEvent.self, bufferingPolicy: .unbounded)
            let sink = ClosureEventSink { event in
                if let mapped = map(event) { continuation.yield(mapped) }
            }
            let task = Task {
                let last = await run(sink)
                for event in last { continuation.yield(event) }
                continuation.finish()
            }
            do {
                try await withTaskCancellationHandler {
                    for event in first { try await writer.write(event.bytes) }
                    for await event in events { try await writer.write(event.bytes) }
                } onCancel: {
                    task.cancel()
                }
            } catch {
                task.cancel()
                throw error
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }
}
