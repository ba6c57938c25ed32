public import Analytics
import Catalog
public import Hummingbird
public import Ranking

/// Limits and defaults of the tools routes.
public struct ToolsRouteSettings: Sendable, Equatable {
    /// `k` of a search that gives none (never more than the index's `maximumK`).
    public var defaultK: Int
    /// Tools per page of `GET /v1/tools` when `limit` is not given.
    public var defaultPageSize: Int
    /// Largest `limit` of `GET /v1/tools`.
    public var maxPageSize: Int

    public init(defaultK: Int = 10, defaultPageSize: Int = 50, maxPageSize: Int = 500) {
        self.defaultK = defaultK
        self.defaultPageSize = defaultPageSize
        self.maxPageSize = maxPageSize
    }
}

/// `GET /v1/tools` (paged by name), `GET /v1/tools/{name}`, `POST /v1/tools/search`.
public struct ToolsRoutes: APIRouteGroup {
    public let service: ToolCatalogService
    public let settings: ToolsRouteSettings
    /// Where searches are recorded (a `search` run with its ranked tools; `analytics.backend`).
    public let recorder: RunRecorder
    /// Whether the query text is stored with the run (`analytics.store_query_text`).
    public let storeQueryText: Bool

    public init(
        service: ToolCatalogService, settings: ToolsRouteSettings = ToolsRouteSettings(), recorder: RunRecorder = .disabled,
        storeQueryText: Bool = true
    ) {
        self.service = service
        self.settings = settings
        self.recorder = recorder
        self.storeQueryText = storeQueryText
    }

    public func register(on router: Router<QuiverRequestContext>) {
        let service = self.service
        let settings = self.settings
        router.get("/v1/tools") { request, _ -> Response in
            try Self.list(request: request, service: service, settings: settings)
        }
        router.get("/v1/tools/{name}") { _, context -> Response in
            let name = context.parameters.get("name") ?? ""
            let snapshot = try service.currentSnapshot()
            guard let tool = snapshot.catalog[name] else {
                throw APIError(
                    type: "not_found", status: .notFound, message: "no tool named '\(name.prefix(80))' in the catalog",
                    details: ["name": .string(String(name.prefix(80)))])
            }
            return Self.json(tool.detailJSON)
        }
        let recorder = self.recorder
        let storeQueryText = self.storeQueryText
        router.post("/v1/tools/search") { request, context -> Response in
            let body = try await ToolSearchRequest.decode(request, context: context)
            let snapshot = try service.currentSnapshot()
            let search = try body.validated(index: snapshot.index, defaultK: settings.defaultK)
            // As in `/v1/plans/run`: only the start time is held across the search, the run is built after it.
            let startedAt = recorder.isEnabled ? RunRecordBuilder.nowMilliseconds() : nil
            let started = ContinuousClock.now
            let response = try await service.search(snapshot: snapshot, query: search.query, k: search.k, mode: search.mode)
            if let startedAt {
                var run = context.startRun(kind: "search", queryText: storeQueryText ? search.query : nil, startedAt: startedAt)
                let elapsed = (ContinuousClock.now - started) / .milliseconds(1)
                run.search(
                    SearchRecord(
                        queryText: storeQueryText ? search.query : nil, k: search.k,
                        results: response.results.map { SearchRecord.Hit(tool: $0.name, score: Double($0.score)) },
                        startedAt: run.startedAt, durationMilliseconds: elapsed))
                run.considered(tools: response.results.map(\.name))
                await recorder.record(run.finished(at: RunRecordBuilder.nowMilliseconds(), status: "ok"))
            }
            return try Response.json(ToolSearchResponse(response: response, snapshot: snapshot, k: search.k))
        }
    }

    static func list(request: Request, service: ToolCatalogService, settings: ToolsRouteSettings) throws -> Response {
        let parameters = request.uri.queryParameters
        var limit = settings.defaultPageSize
        if let text = parameters["limit"].map(String.init) {
            guard let value = Int(text), value >= 1, value <= settings.maxPageSize else {
                throw APIError.invalidField(
                    "limit", "limit must be an integer from 1 to \(settings.maxPageSize), got '\(text.prefix(40))'")
            }
            limit = value
        }
        let cursor = parameters["cursor"].map(String.init)
        if let cursor, !Self.isValidCursor(cursor) {
            throw APIError.invalidField("cursor", "cursor is not one returned by GET /v1/tools (next_cursor)")
        }
        let snapshot = try service.currentSnapshot()
        let page = snapshot.page(after: cursor?.isEmpty == true ? nil : cursor, limit: limit)
        var object = JSONObject()
        object["tools"] = .array(page.tools.map(\.summaryJSON))
        object["next_cursor"] = page.next.map { JSONValue.string($0) } ?? JSONValue.null
        object["total"] = .int(snapshot.catalog.count)
        object["content_hash"] = .string(snapshot.catalog.contentHash)
        return json(.object(object))
    }

    /// Cursors are tool names (CEL identifiers, at most 64 characters).
    static func isValidCursor(_ cursor: String) -> Bool {
        cursor.utf8.count <= 64
            && cursor.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
            }
    }

    static func json(_ value: JSONValue) -> Response {
        var bytes: [UInt8] = []
        value.write(to: &bytes, sortedKeys: true)
        return Response.json(bytes: bytes)
    }
}

