public import Analytics
import HTTPTypes

extension AnalyticsError: APIErrorConvertible {
    /// A bad cursor or page size is the client's (400 with `field`); anything else is the store's (503:
    /// the service is up, its analytics database is not answering).
    public var apiError: APIError {
        switch code {
        case .invalidCursor: return .invalidField("cursor", "cursor is not one this server returned; start again without it")
        case .limitExceeded: return .invalidField("limit", message)
        case .invalidArgument: return .invalidField("query", message)
        default: return .unavailable("analytics database: \(code)")
        }
    }
}
