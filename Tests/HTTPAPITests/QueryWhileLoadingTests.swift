import Catalog
import HTTPAPI
import Hummingbird
import HummingbirdTesting
import Orchestrator
import Testing

/// A query that arrives while the tool index is still being built gets 503 with `Retry-After`, not a 500.
@Suite struct QueryWhileLoadingTests {
    struct LoadingSelector: ToolSelector {
        func select(query: String, k: Int) async throws -> [SelectedTool] { throw ToolCatalogNotLoaded(failure: nil) }
        func tools(named names: [String]) -> [ToolDefinition] { [] }
    }

    @Test func queryBeforeTheIndexIsReadyIs503WithRetryAfter() async throws {
        let executor = WeatherExecutor()
        let orchestrator = Orchestrator(model: FixedPlanModel(), selector: LoadingSelector(), executor: executor)
        let service = QueryService(orchestrator: orchestrator, onFinished: { _, _, _, _ in })
        try await queryServer(service).makeApplication().test(.router) { client in
            try await client.execute(uri: "/v1/query", method: .post, headers: jsonHeaders, body: jsonBody(#"{"query":"How warm is Paris?"}"#)) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] == "1")
                #expect(response.error["type"] as? String == "unavailable")
                #expect((response.error["message"] as? String)?.contains("still loading") == true)
            }
        }
        #expect(executor.callCount == 0)
    }
}
