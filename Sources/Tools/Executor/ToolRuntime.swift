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

    init(_ definition: ToolDefinition, settings: ToolExecutorSettings) {
        self.definition = definition
        let p = definition.policy
        timeoutMilliseconds = max(1, p.timeoutMilliseconds ?? settings.timeoutMilliseconds)
        // Only read tools may retry (the catalog refuses a write tool with retries; this is the second guard).
        retries = definition.effect == .read ? max(0, p.retries ?? settings.retries) : 0
        maxConcurrency = max(1, p.maxConcurrency ?? settings.maxConcurrency)
        responseMaxBytes = max(1, p.responseMaxBytes ?? settings.responseMaxBytes)
        limiter = ConcurrencyLimiter(limit: maxConcurrency)
        breaker = CircuitBreaker(
            threshold: settings.breakerFailureThreshold, cooldown: .milliseconds(max(0, settings.breakerCooldownMilliseconds)))
    }
}
