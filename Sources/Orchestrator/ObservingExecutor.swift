import Sandbox
import SandboxJSON

/// Wraps the real executor to report `call_started` and `call_finished` events.
struct ObservingExecutor: ToolExecutor {
    let inner: any ToolExecutor
    let emit: @Sendable (PipelineEvent.Kind, [(String, JSONText)]) -> Void

    var tools: [ToolDescription] { inner.tools }
    var toolTable: ToolTable { inner.toolTable }

    func call(_ call: ToolCall) async throws -> Value {
        emit(.callStarted, [
            ("tool", .string(call.tool)), ("arguments", .raw(JSONValue.serialize(call.arguments))),
            ("line", .int(call.line)), ("column", .int(call.column)),
        ])
        let start = ContinuousClock.now
        do {
            let value = try await inner.call(call)
            emit(.callFinished, [("tool", .string(call.tool)), ("status", .string("ok")), ("duration_ms", .double(Stopwatch.ms(since: start)))])
            return value
        } catch {
            let status = error is CancellationError || Task.isCancelled ? "cancelled" : "error"
            let message = (error as? ToolFailure)?.message ?? String(describing: error)
            emit(.callFinished, [
                ("tool", .string(call.tool)), ("status", .string(status)), ("duration_ms", .double(Stopwatch.ms(since: start))),
                ("error", .string(message)),
            ])
            throw error
        }
    }
}

enum Stopwatch {
    static func ms(since start: ContinuousClock.Instant) -> Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
    }
}
