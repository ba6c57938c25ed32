import Catalog
import Foundation
import HTTPAPI
import Hummingbird
import HummingbirdTesting
import Sandbox
import Synchronization
import Testing

/// A test double: offers `tools`, each answering `label` (after `gate` opens, when given).
struct LabelExecutor: ToolExecutor {
    let names: [String]
    let label: String
    var gate: Gate?

    var tools: [ToolDescription] { names.map { ToolDescription(name: $0) } }

    func call(_ call: ToolCall) async throws -> Value {
        if let gate { await gate.wait() }
        return .string("\(label):\(call.tool)")
    }
}

/// Opens once; waiters before that wait.
final class Gate: Sendable {
    private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>], arrived: Int)>((false, [], 0))

    func wait() async {
        await withCheckedContinuation { c in
            let resume = state.withLock { s -> Bool in
                s.arrived += 1
                if s.open { return true }
                s.waiters.append(c)
                return false
            }
            if resume { c.resume() }
        }
    }

    var arrived: Int { state.withLock { $0.arrived } }

    func open() {
        let waiters = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            s.open = true
            defer { s.waiters = [] }
            return s.waiters
        }
        for w in waiters { w.resume() }
    }
}

/// `/v1/plans/run` and `/v1/plans/check` follow catalog reloads through `ReloadableToolExecutor`.
@Suite struct PlanReloadTests {
    /// A service whose n-th load serves `executors[n]` (the last one after that).
    static func service(_ executors: [LabelExecutor]) async throws -> ToolCatalogService {
        let count = Mutex(0)
        let catalog = try ToolsFixture.catalog([ToolsFixture.toolsA[0]])
        let first = try await ToolsFixture.snapshot(catalog)
        return ToolCatalogService(snapshot: first.with(executor: executors[0])) { _ in
            let n = count.withLock { n -> Int in
                n += 1
                return min(n, executors.count - 1)
            }
            return try await ToolsFixture.snapshot(catalog).with(executor: executors[n])
        }
    }

    @Test func runAndCheckSeeToolsAddedChangedAndRemovedByAReload() async throws {
        let service = try await Self.service([
            LabelExecutor(names: ["alpha"], label: "v1"),
            LabelExecutor(names: ["alpha", "beta"], label: "v2"),
            LabelExecutor(names: ["beta"], label: "v3"),
        ])
        let plans = PlanService(executor: ReloadableToolExecutor(service: service, fallback: LabelExecutor(names: [], label: "fallback")))
        let server = makeServer(groups: [PlanRoutes(service: plans), AdminRoutes(service: service)])
        try await server.makeApplication().test(.router) { client in
            func run(_ plan: String) async throws -> (HTTPResponse.Status, [String: Any]) {
                try await client.execute(uri: "/v1/plans/run", method: .post, headers: jsonHeaders, body: jsonBody(#"{"plan": "\#(plan)"}"#)) {
                    ($0.status, $0.json)
                }
            }
            var (status, body) = try await run("return alpha();")
            #expect(status == .ok)
            #expect(body["result"] as? String == "v1:alpha")
            (status, body) = try await run("return beta();")
            #expect(status == .unprocessableContent, "beta is not there yet")

            try await client.execute(uri: "/v1/admin/reload", method: .post) { #expect($0.status == .ok) }
            (status, body) = try await run("return [alpha(), beta()];")
            #expect(status == .ok)
            #expect(body["result"] as? [String] == ["v2:alpha", "v2:beta"], "added and changed without a restart")
            try await client.execute(uri: "/v1/plans/check", method: .post, headers: jsonHeaders, body: jsonBody(#"{"plan": "return beta();"}"#)) {
                #expect($0.json["ok"] as? Bool == true)
            }

            try await client.execute(uri: "/v1/admin/reload", method: .post) { #expect($0.status == .ok) }
            (status, body) = try await run("return alpha();")
            #expect(status == .unprocessableContent, "alpha was removed")
            #expect("\(body)".contains("alpha"))
            try await client.execute(uri: "/v1/plans/check", method: .post, headers: jsonHeaders, body: jsonBody(#"{"plan": "return alpha();"}"#)) {
                #expect($0.json["ok"] as? Bool == false)
            }
        }
    }

    @Test func aRunInFlightFinishesOnTheExecutorItStartedWith() async throws {
        let gate = Gate()
        let service = try await Self.service([
            LabelExecutor(names: ["alpha"], label: "old", gate: gate),
            LabelExecutor(names: ["alpha"], label: "new"),
        ])
        let plans = PlanService(executor: ReloadableToolExecutor(service: service, fallback: LabelExecutor(names: [], label: "fallback")))
        let running = Task { await plans.run(source: "let a = alpha();\nlet b = alpha();\nreturn [a, b];", input: .null, limits: .default) }
        while gate.arrived == 0 { try await Task.sleep(for: .milliseconds(5)) }
        guard case .reloaded = await service.reload() else { Issue.record("reload failed"); return }
        // A new run sees the new executor at once.
        guard case .ran(let fresh) = await plans.run(source: "return alpha();", input: .null, limits: .default) else { Issue.record("rejected"); return }
        #expect(fresh.value.map { if case .string("new:alpha") = $0 { true } else { false } } == true)
        gate.open()
        guard case .ran(let outcome) = await running.value else { Issue.record("rejected"); return }
        guard case .list(let both) = try #require(outcome.value) else { Issue.record("not a list"); return }
        #expect(both.map { if case .string(let s) = $0 { s } else { "" } } == ["old:alpha", "old:alpha"], "both calls ran on the old executor")
    }
}
