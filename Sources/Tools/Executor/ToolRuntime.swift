import Catalog

/// A catalog tool with its resolved policy and its own limiter and breaker.
struct ToolRuntime: Sendable {
    let definition: ToolDefinition
    let timeoutMilliseconds: Int
    let retries: Int
    let maxConcurrency: Int
    let responseMaxBytes: Int
    let limiter: ConcurrencyLimiter
    let breaker: CircuitBreaker

    /// `old`: the runtime of the same tool in the executor this one replaces (on reload). When the tool's
    /// upstream (binding), effect and resolved policy are unchanged, its breaker and limiter carry over,
    /// so an open breaker stays open and calls in flight on the old executor still count against the limit.
    init(_ definition: ToolDefinition, settings: ToolExecutorSettings, carryingStateOf old: ToolRuntime? = nil) {
        self.definition = definition
        let p = definition.policy
        timeoutMilliseconds = max(1, p.timeoutMilliseconds ?? settings.timeoutMilliseconds)
        // Only read tools may retry (the catalog refuses a write tool with retries; this is the second guard).
        retries = definition.effect == .read ? max(0, p.retries ?? settings.retries) : 0
        maxConcurrency = max(1, p.maxConcurrency ?? settings.maxConcurrency)
        responseMaxBytes = max(1, p.responseMaxBytes ?? settings.responseMaxBytes)
        let cooldown = Duration.milliseconds(max(0, settings.breakerCooldownMilliseconds))
        if let old, old.maxConcurrency == maxConcurrency, old.timeoutMilliseconds == timeoutMilliseconds, old.retries == retries,
            old.responseMaxBytes == responseMaxBytes, old.definition.effect == definition.effect,
            old.breaker.threshold == max(1, settings.breakerFailureThreshold), old.breaker.cooldown == cooldown,
            ToolRuntime.upstream(old.definition) == ToolRuntime.upstream(definition)
        {
            limiter = old.limiter
            breaker = old.breaker
        } else {
            limiter = ConcurrencyLimiter(limit: maxConcurrency)
            breaker = CircuitBreaker(threshold: settings.breakerFailureThreshold, cooldown: cooldown)
        }
    }

    /// What the tool calls, for telling whether a reloaded definition still reaches the same upstream.
    static func upstream(_ definition: ToolDefinition) -> String {
        String(describing: definition.binding)
    }
}
