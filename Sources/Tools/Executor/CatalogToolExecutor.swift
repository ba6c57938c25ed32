public import Catalog
public import Sandbox

/// The plan language's `ToolExecutor` over a loaded catalog: converts values to JSON, validates the
/// arguments against the tool's schema (errors name the JSON path), applies the tool's policy
/// (circuit breaker, concurrency limit, timeout, retries with backoff for read tools), dispatches by
/// binding (builtin, HTTP, MCP), checks the result's size and converts it back to a value.
public final class CatalogToolExecutor: ToolExecutor {
    public let catalog: Catalog
    public let tools: [ToolDescription]
    public let toolTable: ToolTable
    public let settings: ToolExecutorSettings
    let runtimes: [String: ToolRuntime]
    let builtins: BuiltinTools
    let http: HTTPToolAdapter?
    let mcp: (any MCPToolCaller)?
    let observer: (any ToolCallObserver)?
    let validation = SchemaValidationOptions(patternMatcher: LinearRegexPatternMatcher())

    /// `http`: nil makes HTTP tools fail with a clear error (offline use); `mcp` likewise for MCP tools.
    public convenience init(
        catalog: Catalog, settings: ToolExecutorSettings = .default, builtins: BuiltinTools = BuiltinTools(),
        http: HTTPToolAdapter? = nil, mcp: (any MCPToolCaller)? = nil, observer: (any ToolCallObserver)? = nil
    ) {
        self.init(catalog: catalog, settings: settings, builtins: builtins, http: http, mcp: mcp, observer: observer, previous: [:])
    }

    /// `previous`: runtimes of an executor this one replaces; a tool whose upstream and policy did not
    /// change keeps its circuit breaker and concurrency limiter (see ``reloaded(catalog:)``).
    init(
        catalog: Catalog, settings: ToolExecutorSettings, builtins: BuiltinTools, http: HTTPToolAdapter?, mcp: (any MCPToolCaller)?,
        observer: (any ToolCallObserver)?, previous: [String: ToolRuntime]
    ) {
        self.catalog = catalog
        self.settings = settings
        self.builtins = builtins
        self.http = http
        self.mcp = mcp
        self.observer = observer
        var runtimes: [String: ToolRuntime] = [:]
        var tools: [ToolDescription] = []
        for definition in catalog.tools {
            runtimes[definition.name] = ToolRuntime(definition, settings: settings, carryingStateOf: previous[definition.name])
            let required = Set(definition.parameters.required)
            let extra: Bool
            if case .forbidden = definition.parameters.additionalProperties { extra = false } else { extra = true }
            tools.append(
                ToolDescription(
                    name: definition.name, effect: definition.effect == .write ? .write : .read,
                    parameters: definition.parameterNames.map { .init(name: $0, required: required.contains($0)) },
                    allowsExtraArguments: extra))
        }
        self.runtimes = runtimes
        self.tools = tools
        self.toolTable = ToolTable(tools)
    }

    public func call(_ call: ToolCall) async throws -> Value {
        guard let rt = runtimes[call.tool] else { throw ToolFailure("unknown tool '\(call.tool)'") }
        let start = ContinuousClock.now
        let arguments: JSONObject
        do {
            let json = try ValueConversion.json(from: call.arguments)
            guard case .object(let object) = try rt.definition.validateArguments(json, options: validation) else {
                throw ToolFailure("invalid arguments for \(call.tool): $: expected an object")
            }
            arguments = object
        } catch let e as ValueConversion.ConversionError {
            finish(call.tool, "rejected", start)
            throw ToolFailure("invalid arguments for \(call.tool): \(e)")
        } catch let e as ArgumentError {
            finish(call.tool, "rejected", start)
            throw ToolFailure(e.description)
        }
        if case .refused(let remaining) = rt.breaker.admit() {
            finish(call.tool, "rejected", start)
            let ms = Int(remaining.components.seconds) * 1000 + Int(remaining.components.attoseconds / 1_000_000_000_000_000)
            throw ToolFailure(
                "circuit breaker open for tool '\(call.tool)' after \(rt.breaker.threshold) consecutive failures "
                    + "(breaker_failure_threshold \(rt.breaker.threshold)); next probe in \(ms) ms")
        }
        var attempt = 0
        while true {
            do {
                let json = try await attemptCall(rt, arguments)
                if rt.breaker.recordSuccess() { observer?.circuitChanged(tool: call.tool, open: false) }
                let value = ValueConversion.value(from: json, schema: rt.definition.result)
                let size = value.estimatedSize(limit: settings.resultMaxBytes)
                if size > settings.resultMaxBytes {
                    finish(call.tool, "error", start)
                    throw ToolFailure("result of about \(size) bytes is over result_max_bytes (\(settings.resultMaxBytes))")
                }
                finish(call.tool, "ok", start)
                return value
            } catch let failure as AttemptFailure {
                if failure.transient, attempt < rt.retries, !Task.isCancelled {
                    attempt += 1
                    try await Task.sleep(for: .milliseconds(backoffDelay(attempt: attempt)))
                    continue
                }
                if failure.transient {
                    if rt.breaker.recordFailure() { observer?.circuitChanged(tool: call.tool, open: true) }
                } else if rt.breaker.recordSuccess() {
                    observer?.circuitChanged(tool: call.tool, open: false)  // the upstream answered
                }
                finish(call.tool, failure.status, start)
                let tries = attempt > 0 ? " (after \(attempt + 1) attempts, retries \(rt.retries))" : ""
                throw ToolFailure(failure.message + tries)
            }
        }
    }

    /// Delay before retry `attempt` (1-based): base × 2^(attempt-1), capped, with jitter in [d/2, d].
    public func backoffDelay(attempt: Int) -> Int {
        let base = max(0, settings.retryBaseDelayMilliseconds)
        let cap = max(base, settings.retryMaxDelayMilliseconds)
        let shift = min(attempt - 1, 20)
        let (scaled, overflow) = base.multipliedReportingOverflow(by: 1 << shift)
        let d = overflow ? cap : min(cap, scaled)
        return d <= 1 ? d : Int.random(in: (d / 2)...d)
    }

    private func finish(_ tool: String, _ status: String, _ start: ContinuousClock.Instant) {
        observer?.toolCallFinished(tool: tool, status: status, duration: ContinuousClock.now - start)
    }
}
