public import Hummingbird
import Catalog
import Ranking

/// `POST /v1/admin/reload` (reload the catalog and swap the index atomically) and
/// `GET /v1/admin/catalog` (what is served: generation, tools, content hash, embedder, cache, last failure).
public struct AdminRoutes: APIRouteGroup {
    public let service: ToolCatalogService

    public init(service: ToolCatalogService) {
        self.service = service
    }

    public func register(on router: Router<QuiverRequestContext>) {
        let service = self.service
        router.post("/v1/admin/reload") { _, _ -> Response in
            switch await service.reload() {
            case .reloaded(let report):
                return try Response.json(ReloadBody(report: report))
            case .failed(let failure):
                let served = service.snapshot.map { CatalogStatus(snapshot: $0, generation: service.generation, lastFailure: nil) }
                let body = ReloadFailureBody(
                    error: .init(
                        type: failure.isCatalogError ? "catalog_invalid" : "reload_failed",
                        message: failure.isCatalogError ? "the catalog has \(failure.issues.count) problem\(failure.issues.count == 1 ? "" : "s"); the previous index is still served" : "the reload failed; the previous index is still served: \(failure.message)",
                        issues: failure.issues.map(Issue.init),
                        served: served))
                return try Response.json(body, status: failure.isCatalogError ? .unprocessableContent : .internalServerError)
            }
        }
        router.get("/v1/admin/catalog") { _, _ -> Response in
            let snapshot = try service.currentSnapshot()
            return try Response.json(CatalogStatus(snapshot: snapshot, generation: service.generation, lastFailure: service.lastFailure?.message))
        }
    }

    struct ReloadBody: Encodable {
        let status = "reloaded"
        let changed: Bool
        let previous_content_hash: String?
        let duration_ms: Int64
        let catalog: CatalogStatus

        init(report: ReloadReport) {
            changed = report.changed
            previous_content_hash = report.previousContentHash
            duration_ms = report.duration.wholeMilliseconds
            catalog = CatalogStatus(snapshot: report.snapshot, generation: report.generation, lastFailure: nil)
        }
    }

    struct CatalogStatus: Encodable {
        let generation: Int
        let source: String
        let tools: Int
        let content_hash: String
        let mode: String
        let embedder: EmbedderStatus
        let cache: Cache?
        /// Whether the BM25 index was loaded from its file (`loaded`) or built (`created`, `updated`, `rebuilt`).
        let bm25_cache: String?
        let build_ms: Int64
        let last_reload_error: String?

        struct Cache: Encodable {
            let status: String
            let reused: Int
            let embedded: Int
            let problem: String?
        }

        init(snapshot: ToolCatalogSnapshot, generation: Int, lastFailure: String?) {
            self.generation = generation
            source = snapshot.source
            tools = snapshot.catalog.count
            content_hash = snapshot.catalog.contentHash
            mode = snapshot.defaultMode.rawValue
            embedder = snapshot.embedder
            cache = snapshot.index.cacheReport.map { Cache(status: $0.status.rawValue, reused: $0.reused, embedded: $0.embedded, problem: $0.problem) }
            bm25_cache = snapshot.index.bm25CacheReport?.status.rawValue
            build_ms = snapshot.buildDuration.wholeMilliseconds
            last_reload_error = lastFailure
        }
    }

    struct Issue: Encodable {
        let file: String
        let path: String?
        let line: Int?
        let column: Int?
        let message: String

        init(_ issue: CatalogIssue) {
            file = issue.file
            path = issue.path?.description
            line = issue.line
            column = issue.column
            message = issue.message
        }
    }

    struct ReloadFailureBody: Encodable {
        struct Body: Encodable {
            let type: String
            let message: String
            let issues: [Issue]
            let served: CatalogStatus?
        }
        let error: Body
    }
}
