public import Analytics
import HTTPTypes

extension APIError {
    /// 400 for a query parameter the client got wrong; `field` names it (`limit`, `cursor`, `since`, `status`).
    public static func invalidField(_ field: String, _ message: String) -> APIError {
        APIError(type: "invalid_request", status: .badRequest, message: message, details: ["field": .string(field)])
    }
}

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
