import Foundation
import Testing

@testable import Analytics

@Suite struct StoreTests {
    @Test func runRoundTripsWithChildrenInOrder() throws {
        let dir = try TemporaryDirectory()
        let store = try AnalyticsStore(settings: Fixtures.settings(dir))
        let run = Fixtures.run(8)
        #expect(run.llmCalls.count == 2 && run.toolCalls.count == 3)
        _ = store.write([run])
        let read = try #require(try store.run(id: "run-8"))
        #expect(read == run)
        #expect(try store.run(id: "missing") == nil)
    }

    @Test(arguments: [YieldPace.everyChunk, .everyStatement])
    func batchesCrossingStatementBoundariesKeepEveryChildWithItsRun(pace: YieldPace) throws {
        let dir = try TemporaryDirectory()
        let store = try AnalyticsStore(settings: Fixtures.settings(dir))
        // 37 runs: statements of 16, 16 and 5 runs; 1 to 3 tool calls and 1 or 2 LLM calls each, so child
        // statements break in the middle of a run's children. Some runs have none of a kind.
        var runs = (0..<37).map { Fixtures.run($0) }
        runs[5].toolCalls = []
        runs[5].searches = []
        runs[20].llmCalls = []
        #expect(store.write(runs, pace: pace).allSatisfy { (try? $0.get()) != nil })
        for run in runs {
            #expect(try store.run(id: run.id) == run, "\(run.id)")
        }
        // A run written by another connection between two batches does not collide with the next batch's seqs.
        let other = try Database(path: dir.file("analytics.db"))
        try other.run("INSERT INTO runs (id, kind, started_at, status) VALUES ('by-hand', 'query', 1, 'ok')")
        let more = (40..<60).map { Fixtures.run($0) }
        #expect(store.write(more, pace: pace).allSatisfy { (try? $0.get()) != nil })
        #expect(try other.scalar("SELECT COUNT(DISTINCT seq) FROM runs").int64 == 58)
        let orphans = try other.scalar(
            "SELECT COUNT(*) FROM tool_calls t WHERE NOT EXISTS (SELECT 1 FROM runs r WHERE r.seq = t.run_seq)").int64
        #expect(orphans == 0)
        #expect(try store.run(id: "run-59") == more.last)
        #expect(try store.run(id: "by-hand")?.toolCalls.isEmpty == true)
    }

    @Test func rowExecuteBindsInOrderAndRefusesAMissingOrExtraParameter() throws {
        let dir = try TemporaryDirectory()
        let db = try Database(path: dir.file("p.db"))
        try db.execute("CREATE TABLE t (a INTEGER, b TEXT, c REAL)")
        let insert = try db.prepare("INSERT INTO t VALUES (?, ?, ?)")
        try insert.execute { p in
            try p.integer(7)
            try p.text("sieben")
            try p.real(0.5)
        }
        let missing = #expect(throws: SQLiteError.self) {
            try insert.execute { p in
                try p.integer(8)
                try p.text(nil as String?)
            }
        }
        #expect(missing?.message == "statement takes 3 parameters, got 2")
        #expect(throws: SQLiteError.self) {
            try insert.execute { p in
                for _ in 0..<4 { try p.null() }
            }
        }
        // Neither refused row was inserted, and the statement is usable after them.
        try insert.execute { p in
            try p.integer(9 as Int64?)
            try p.null()
            try p.real(1)
        }
        #expect(try db.query("SELECT a, b, c FROM t ORDER BY a") == [
            [.integer(7), .text("sieben"), .real(0.5)], [.integer(9), .null, .real(1)],
        ])
    }

    @Test func jsonColumnsRoundTripAwkwardText() throws {
        let dir = try TemporaryDirectory()
        let store = try AnalyticsStore(settings: Fixtures.settings(dir))
        var run = Fixtures.run(1)
        run.toolsConsidered = ["quote\"d", "back\\slash", "new\nline\ttab", "ctl\u{01}", "émoji 🏹", ""]
        run.searches[0].results = [.init(tool: "a\"b", score: 0.125), .init(tool: "nan", score: .nan)]
        _ = store.write([run])
        let read = try #require(try store.run(id: "run-1"))
        #expect(read.toolsConsidered == run.toolsConsidered)
        #expect(read.searches[0].results.last == .init(tool: "nan", score: 0))  // JSON has no NaN: stored as 0
        #expect(read.searches[0].results.first == .init(tool: "a\"b", score: 0.125))
        // SQLite's own JSON functions read the stored text too.
        let db = try Database(path: dir.file("analytics.db"), readOnly: true)
        #expect(try db.scalar("SELECT json_array_length(tools_considered) FROM runs").int64 == 6)
        #expect(try db.scalar("SELECT json_extract(results, '$[0].tool') FROM searches").string == "a\"b")
    }

    @Test func duplicateIdFailsAloneInItsBatch() throws {
        let dir = try TemporaryDirectory()
        let store = try AnalyticsStore(settings: Fixtures.settings(dir))
        // The duplicate sits in the middle of one multi-row statement: the batch is retried run by run.
        let results = store.write([Fixtures.run(1), Fixtures.run(2, id: "run-1"), Fixtures.run(3)])
        #expect((try? results[0].get()) != nil)
        #expect((try? results[2].get()) != nil)
        guard case .failure(let error) = results[1] else {
            Issue.record("duplicate id was accepted")
            return
        }
        #expect(error.code == .sqlite)
        #expect(error.sqlite?.code == 2067)  // SQLITE_CONSTRAINT_UNIQUE
        #expect(error.sqlite?.sql?.contains("INTO runs") == true)
        #expect(error.message.contains("what is the weather") == false)  // bound values stay out of errors
        #expect(try Fixtures.count(dir.file("analytics.db"), "runs") == 2)
        // The failed run's children were rolled back with it.
        #expect(try Fixtures.count(dir.file("analytics.db"), "searches") == 2)
    }

    @Test func queryTextCanBeSwitchedOff() throws {
        let dir = try TemporaryDirectory()
        var settings = Fixtures.settings(dir)
        settings.storeQueryText = false
        let store = try AnalyticsStore(settings: settings)
        _ = store.write([Fixtures.run(1)])
        let read = try #require(try store.run(id: "run-1"))
        #expect(read.queryText == nil)
        #expect(read.searches.first?.queryText == nil)
        #expect(read.planText != nil)
        let db = try Database(path: settings.path)
        #expect(try db.scalar("SELECT COUNT(*) FROM runs WHERE query_text IS NOT NULL").int64 == 0)
    }

    @Test func listPagesNewestFirstWithKeysetCursor() throws {
        let dir = try TemporaryDirectory()
        let store = try AnalyticsStore(settings: Fixtures.settings(dir))
        // Runs 0..<25, with two pairs sharing a start time so the id breaks ties.
        var runs = (0..<25).map { Fixtures.run($0) }
        runs[10].startedAt = runs[11].startedAt
        runs[20].startedAt = runs[21].startedAt
        _ = store.write(runs)
        var seen: [String] = []
        var cursor: String?
        var pages = 0
        repeat {
            let page = try store.listRuns(RunListQuery(limit: 7, cursor: cursor))
            #expect(page.runs.count <= 7)
            #expect(page.runs.allSatisfy { $0.llmCalls.isEmpty })
            seen += page.runs.map(\.id)
            cursor = page.nextCursor
            pages += 1
        } while cursor != nil && pages < 10
        #expect(pages == 4)
        #expect(Set(seen).count == 25 && seen.count == 25)
        let expected = runs.sorted { ($0.startedAt, $0.id) > ($1.startedAt, $1.id) }.map(\.id)
        #expect(seen == expected)
    }

    @Test func listFiltersByStatusAndSince() throws {
        let dir = try TemporaryDirectory()
        let store = try AnalyticsStore(settings: Fixtures.settings(dir))
        let runs = (0..<30).map { Fixtures.run($0) }
        _ = store.write(runs)
        let errors = try store.listRuns(RunListQuery(limit: 100, status: "error"))
        #expect(errors.runs.map(\.id).sorted() == runs.filter { $0.status == "error" }.map(\.id).sorted())
        #expect(errors.nextCursor == nil)
        let since = runs[20].startedAt
        let recent = try store.listRuns(RunListQuery(limit: 100, since: since))
        #expect(recent.runs.count == 10)
        #expect(recent.runs.allSatisfy { $0.startedAt >= since })
        let both = try store.listRuns(RunListQuery(limit: 2, status: "ok", since: since))
        #expect(both.runs.count == 2 && both.nextCursor != nil)
        let rest = try store.listRuns(RunListQuery(limit: 100, status: "ok", since: since, cursor: both.nextCursor))
        #expect(both.runs.count + rest.runs.count == runs[20...].filter { $0.status == "ok" }.count)
    }

    @Test func pageSizeLimitAndBadCursorsAreClearErrors() throws {
        let dir = try TemporaryDirectory()
        var settings = Fixtures.settings(dir)
        settings.maxPageSize = 50
        let store = try AnalyticsStore(settings: settings)
        let tooMany = #expect(throws: AnalyticsError.self) { try store.listRuns(RunListQuery(limit: 51)) }
        #expect(tooMany?.code == .limitExceeded)
        #expect(tooMany?.message.contains("51") == true && tooMany?.message.contains("50") == true)
        #expect(throws: AnalyticsError.self) { try store.listRuns(RunListQuery(limit: 0)) }
        for bad in ["", "!!!", "djE6eHg6", String(repeating: "A", count: 2_000)] {
            let error = #expect(throws: AnalyticsError.self) { try store.listRuns(RunListQuery(limit: 5, cursor: bad)) }
            #expect(error?.code == .invalidCursor)
        }
    }

    @Test func pageEncodesAsTheAPIShape() throws {
        let page = RunPage(runs: [Fixtures.run(1)], nextCursor: "abc")
        let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(page)) as? [String: Any])
        #expect(json["next_cursor"] as? String == "abc")
        let run = try #require((json["runs"] as? [[String: Any]])?.first)
        for key in ["id", "started_at", "tools_considered", "prompt_tokens", "llm_ms", "overhead_ms", "tool_calls", "llm_calls", "searches"] {
            #expect(run[key] != nil, "missing \(key)")
        }
        #expect(try JSONDecoder().decode(RunPage.self, from: JSONEncoder().encode(page)) == page)
    }

    @Test func busyTimeoutLimitsTheWaitForAnotherWritersLock() throws {
        let dir = try TemporaryDirectory()
        var settings = Fixtures.settings(dir)
        settings.busyTimeoutMilliseconds = 50
        let store = try AnalyticsStore(settings: settings)
        let other = try Database(path: settings.path)
        try other.execute("BEGIN IMMEDIATE")
        let results = store.write([Fixtures.run(1)])
        guard case .failure(let error) = results.first else {
            Issue.record("write succeeded while another connection held the write lock")
            return
        }
        #expect(error.sqlite?.code == 5)  // SQLITE_BUSY after the 50 ms busy timeout
        try other.execute("ROLLBACK")
        #expect((try? store.write([Fixtures.run(1)]).first?.get()) != nil)
    }

    @Test func invalidSettingsNameTheField() {
        var settings = AnalyticsSettings(path: "/tmp/x.db")
        settings.queueCapacity = 0
        let error = #expect(throws: AnalyticsError.self) { try settings.validate() }
        #expect(error?.message.contains("analytics.queueCapacity = 0") == true)
    }
}

@Test func analyticsBackendParsesTheFourChoices() throws {
    #expect(try AnalyticsBackend(configValue: "both").recordsRuns)
    #expect(try AnalyticsBackend(configValue: "BOTH").exportsMetrics)
    #expect(try !AnalyticsBackend(configValue: "prometheus").recordsRuns)
    #expect(try !AnalyticsBackend(configValue: "none").exportsMetrics)
    let error = #expect(throws: AnalyticsError.self) { try AnalyticsBackend(configValue: "postgres") }
    #expect(error?.message == #"analytics.backend = "postgres": expected one of sqlite, prometheus, both, none"#)
}
