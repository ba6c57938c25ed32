/// Settings of an ``LLMClient`` for one OpenAI-compatible endpoint.
public struct LLMConfiguration: Sendable {
    /// The API root, e.g. "https://api.openai.com/v1", "http://127.0.0.1:8080/v1", or for Azure
    /// "https://NAME.openai.azure.com/openai/deployments/DEPLOYMENT". "/chat/completions" and "/embeddings" are appended.
    public var baseURL: String
    /// The model for chat completions.
    public var model: String
    /// The model for embeddings; `model` when nil.
    public var embeddingsModel: String?
    /// A static API key.
    public var apiKey: String?
    /// A file holding the key or bearer token; re-read whenever its modification time, size or inode changes
    /// (rotated workload-identity tokens). Wins over ``apiKey``.
    public var apiKeyFile: String?
    /// The header carrying the key: "Authorization" sends `Bearer KEY`; any other name (Azure's "api-key")
    /// sends the key as is.
    public var authHeader: String
    /// Headers added to every request.
    public var extraHeaders: [(name: String, value: String)]
    /// Azure's `api-version` query parameter, added to every URL when set.
    public var apiVersion: String?
    public var connectTimeout: Duration
    /// Whole-request timeout for non-streaming calls. Default 120 s.
    public var requestTimeout: Duration
    /// A stream fails with ``LLMError/Code/timeout`` when no byte arrives for this long. Default 60 s.
    public var streamIdleTimeout: Duration
    /// The largest response body accepted. Default 8 MiB.
    public var maxResponseBytes: Int
    /// Inputs per embeddings request. Default 64.
    public var embeddingsBatchSize: Int
    public var retry: LLMRetryPolicy

    public init(
        baseURL: String,
        model: String,
        embeddingsModel: String? = nil,
        apiKey: String? = nil,
        apiKeyFile: String? = nil,
        authHeader: String = "Authorization",
        extraHeaders: [(name: String, value: String)] = [],
        apiVersion: String? = nil,
        connectTimeout: Duration = .seconds(10),
        requestTimeout: Duration = .seconds(120),
        streamIdleTimeout: Duration = .seconds(60),
        maxResponseBytes: Int = 8 << 20,
        embeddingsBatchSize: Int = 64,
        retry: LLMRetryPolicy = LLMRetryPolicy()
    ) {
        self.baseURL = baseURL
        self.model = model
        self.embeddingsModel = embeddingsModel
        self.apiKey = apiKey
        self.apiKeyFile = apiKeyFile
        self.authHeader = authHeader
        self.extraHeaders = extraHeaders
        self.apiVersion = apiVersion
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.streamIdleTimeout = streamIdleTimeout
        self.maxResponseBytes = maxResponseBytes
        self.embeddingsBatchSize = embeddingsBatchSize
        self.retry = retry
    }
}

/// Retries with exponential backoff and jitter on 429, 5xx, timeouts and connection failures.
public struct LLMRetryPolicy: Sendable {
    /// Attempts in all, the first included; 1 disables retries. Default 4.
    public var maxAttempts: Int
    /// The wait before the second attempt; doubled (``multiplier``) each time up to ``maxBackoff``.
    public var initialBackoff: Duration
    public var maxBackoff: Duration
    public var multiplier: Double
    /// The fraction of each wait that is random: 0.5 waits between half and all of the backoff.
    public var jitter: Double
    /// A `Retry-After` (seconds or HTTP date) is honoured up to this; a longer one ends the retries with
    /// ``LLMError/Code/rateLimited`` (or ``LLMError/Code/server``) carrying ``LLMError/retryAfter``.
    public var maxRetryAfter: Duration

    public init(maxAttempts: Int = 4, initialBackoff: Duration = .milliseconds(500), maxBackoff: Duration = .seconds(8),
                multiplier: Double = 2, jitter: Double = 0.5, maxRetryAfter: Duration = .seconds(30)) {
        self.maxAttempts = maxAttempts
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.multiplier = multiplier
        self.jitter = jitter
        self.maxRetryAfter = maxRetryAfter
    }

    /// The wait after failed attempt number `attempt` (1-based) without a `Retry-After`.
    func backoff(after attempt: Int) -> Duration {
        let base = initialBackoff.seconds * pow(multiplier, Double(max(0, attempt - 1)))
        let capped = min(max(0, base), maxBackoff.seconds)
        let spread = min(max(jitter, 0), 1)
        let wait = capped * (1 - spread) + capped * spread * Double.random(in: 0...1)
        return .milliseconds(Int64(wait * 1000))
    }
}

extension Duration {
    var seconds: Double {
        let (whole, atto) = components
        return Double(whole) + Double(atto) / 1e18
    }
}

private func pow(_ base: Double, _ exponent: Double) -> Double {
    var result = 1.0
    var remaining = Int(min(exponent, 64))
    while remaining > 0 {
        result *= base
        remaining -= 1
    }
    return result
}
