public import Analytics
public import Hummingbird

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `GET /v1/runs?limit=&status=&since=&cursor=` (newest first, keyset pagination) and `GET /v1/runs/{id}`
/// (one run with its LLM calls, tool calls and searches). Reads go through the store's read connection
/// (WAL: never blocked by the writer). With no store (backend `prometheus`/`none`, durability `off`) both
/// answer 503 saying why.
public struct RunsRoutes: APIRouteGroup {
    public let store: AnalyticsStore?
    /// Why there is no store, for the 503 message.
    public let disabledReason: String
    public let defaultLimit: Int

    public init(store: AnalyticsStore?, disabledReason: String = "runs are not recorded (analytics.backend)", defaultLimit: Int = 50) {
        self.store = store
        self.disabledReason = disabledReason
        self.defaultLimit = defaultLimit
    }

    public func register(on router: Router<QuiverRequestContext>) {
        let routes = self
        router.get("/v1/runs") { request, _ -> Response in
            let store = try routes.requireStore()
            let query = try routes.listQuery(request.uri.queryParameters, maxLimit: store.settings.maxPageSize)
            return try Response.json(try store.listRuns(query))
        }
        router.get("/v1/runs/{id}") { _, context -> Response in
            let store = try routes.requireStore()
            let id = context.parameters.get("id") ?? ""
            guard id.utf8.count <= 200, let run = try store.run(id: id) else {
                throw APIError.notFound("no run with id '\(id.prefix(80))'")
            }
            return try Response.json(run)
        }
    }

    func requireStore() throws -> AnalyticsStore {
        guard let store else { throw APIError.unavailable(disabledReason) }
        return store
    }

    /// Parses and checks the list parameters; every refusal names its `field`.
    func listQuery(_ parameters: Parameters, maxLimit: Int) throws -> RunListQuery {
        var query = RunListQuery(limit: min(defaultLimit, maxLimit))
        if let text = parameters["limit"] {
            guard let limit = Int(text), limit >= 1, limit <= maxLimit else {
                throw APIError.invalidField("limit", "limit must be an integer from 1 to \(maxLimit), got '\(text.prefix(40))'")
            }
            query.limit = limit
        }
        if let text = parameters["status"] {
            guard !text.isEmpty, text.utf8.count <= 32 else {
                throw APIError.invalidField("status", "status must be 1-32 characters (ok, error...)")
            }
            query.status = String(text)
        }
        if let text = parameters["since"] {
            guard let since = Self.parseTime(String(text)) else {
                throw APIError.invalidField(
                    "since", "since must be unix milliseconds or an RFC 3339 time (2026-01-31T12:00:00Z), got '\(text.prefix(40))'")
            }
            query.since = since
        }
        if let text = parameters["cursor"] {
            guard !text.isEmpty else { throw APIError.invalidField("cursor", "cursor must not be empty; omit it for the first page") }
            query.cursor = String(text)
        }
        return query
    }

    /// Unix milliseconds, or an RFC 3339 / ISO 8601 time with a zone.
    static func parseTime(_ text: String) -> Int64? {
        if let ms = Int64(text), ms >= 0 { return ms }
        guard text.utf8.count <= 40 else { return nil }
        let date = (try? Date(text, strategy: .iso8601))
            ?? (try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
        guard let seconds = date?.timeIntervalSince1970, seconds.isFinite, abs(seconds) < 1e13 else { return nil }
        return Int64((seconds * 1000).rounded())
    }
}
