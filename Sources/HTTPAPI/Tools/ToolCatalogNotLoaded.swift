import HTTPTypes
public import Orchestrator

/// Thrown by ``ToolCatalogService`` before its first load has succeeded (HTTP 503).
public struct ToolCatalogNotLoaded: Error, Sendable, CustomStringConvertible, APIErrorConvertible, TemporarilyUnavailable {
    /// Why the first load failed, nil while it is still running.
    public let failure: String?

    public init(failure: String?) {
        self.failure = failure
    }

    public var description: String {
        if let failure { return "the tool index is not available: \(failure)" }
        return "the tool index is still loading; retry shortly (GET /ready says when it is ready)"
    }

    public var apiError: APIError {
        APIError(type: "unavailable", status: .serviceUnavailable, message: description, headers: [.retryAfter: "1"])
    }
}
