import Testing
@testable import Ranking

@Suite struct EmbeddingCacheTests {
    let texts = ["get weather for a city", "send an email", "convert currency", "find flights", "translate text"]

    @Test func secondLoadMapsTheFileAndEmbedsNothing() async throws {
        let dir = makeTemporaryDirectory()
        let cache = EmbeddingCache(directory: dir, catalogName: "tools")
        let fake = FakeEmbedder()
        let (first, r1) = try await cache.embeddings(for: texts, embedder: fake)
        #expect(r1.status == .created && r1.embedded == 5 && r1.reused == 0)
        #expect(fileExists(cache.path(modelID: fake.modelID, dimensions: fake.dimensions)))
        fake.resetCount()
        let (second, r2) = try await cache.embeddings(for: texts, embedder: fake)
        #expect(r2.status == .loaded && r2.reused == 5 && r2.embedded == 0)
        #expect(fake.embedded.isEmpty)
        for i in texts.indices { #expect(first.row(i) == second.row(i)) }
    }

    @Test func catalogChangeReembedsOnlyChangedTexts() async throws {
        let dir = makeTemporaryDirectory()
        let cache = EmbeddingCache(directory: dir, catalogName: "tools")
        let fake = FakeEmbedder()
        _ = try await cache.embeddings(for: texts, embedder: fake)
        fake.resetCount()
        var changed = texts
        changed[1] = "send an email with attachments"
        changed.append("book a hotel room")
        changed.swapAt(0, 3)
        let (matrix, report) = try await cache.embeddings(for: changed, embedder: fake)
        #expect(fake.embedded.sorted() == ["book a hotel room", "send an email with attachments"])
        #expect(report.status == .updated && report.reused == 4 && report.embedded == 2)
        for (i, t) in changed.enumerated() {
            let expected = fake.vector(t)
            let got = matrix.row(i)
            #expect(zip(expected, got).allSatisfy { abs($0 - $1) < 1e-6 })
        }
        fake.resetCount()
        _ = try await cache.embeddings(for: changed, embedder: fake)
        #expect(fake.embedded.isEmpty)
    }

    @Test func anotherModelNeverReusesVectors() async throws {
        let dir = makeTemporaryDirectory()
        let cache = EmbeddingCache(directory: dir, catalogName: "tools")
        _ = try await cache.embeddings(for: texts, embedder: FakeEmbedder(modelID: "m1"))
        let other = FakeEmbedder(modelID: "m2")
        let (_, report) = try await cache.embeddings(for: texts, embedder: other)
        #expect(report.status == .created && other.embedded.count == 5)
        #expect(cache.path(modelID: "m1", dimensions: 32) != cache.path(modelID: "m2", dimensions: 32))
        #expect(cache.path(modelID: "m1", dimensions: 32) != cache.path(modelID: "m1", dimensions: 16))
    }

    @Test(arguments: [0, 7, 12, 40, 200, -30, -1])
    func flippedByteIsDetectedAndRebuilt(offset: Int) async throws {
        let dir = makeTemporaryDirectory()
        let cache = EmbeddingCache(directory: dir, catalogName: "tools")
        let fake = FakeEmbedder()
        _ = try await cache.embeddings(for: texts, embedder: fake)
        let path = cache.path(modelID: fake.modelID, dimensions: fake.dimensions)
        var bytes = readFile(path)
        let at = offset >= 0 ? offset : bytes.count + offset
        bytes[at] ^= 0x10
        writeFile(path, bytes)
        fake.resetCount()
        let (matrix, report) = try await cache.embeddings(for: texts, embedder: fake)
        #expect(report.status == .rebuilt)
        #expect(report.problem?.contains(path) == true)
        #expect(fake.embedded.count == texts.count)
        #expect(zip(matrix.row(0), fake.vector(texts[0])).allSatisfy { abs($0 - $1) < 1e-6 })
        // The rebuilt file is good again.
        fake.resetCount()
        let (_, again) = try await cache.embeddings(for: texts, embedder: fake)
        #expect(again.status == .loaded && fake.embedded.isEmpty)
    }

    @Test(arguments: [0, 10, 39, 100, 1])
    func truncatedFileIsDetectedAndRebuilt(keep: Int) async throws {
        let dir = makeTemporaryDirectory()
        let cache = EmbeddingCache(directory: dir, catalogName: "tools")
        let fake = FakeEmbedder()
        _ = try await cache.embeddings(for: texts, embedder: fake)
        let path = cache.path(modelID: fake.modelID, dimensions: fake.dimensions)
        let bytes = readFile(path)
        let cut = keep == 1 ? bytes.count - 1 : keep
        writeFile(path, Array(bytes.prefix(cut)))
        fake.resetCount()
        let (_, report) = try await cache.embeddings(for: texts, embedder: fake)
        #expect(report.status == .rebuilt)
        #expect(report.problem != nil)
        #expect(fake.embedded.count == texts.count)
        #expect(readFile(path) == bytes)
    }

    @Test func embedderErrorsAreReported() async throws {
        let cache = EmbeddingCache(directory: makeTemporaryDirectory(), catalogName: "c")
        await #expect(throws: RankingError.self) { _ = try await cache.embeddings(for: texts, embedder: FailingEmbedder()) }
        do {
            _ = try await cache.embeddings(for: texts, embedder: WrongSizeEmbedder())
            Issue.record("expected an error")
        } catch let e as RankingError {
            #expect(e.code == .badVector)
            #expect(e.message.contains("3 dimensions, expected 8"))
        }
    }

    @Test func hashChangesWithAnyWord() {
        let bytes = [UInt8](repeating: 7, count: 1000)
        let h = bytes.withUnsafeBytes { Hash64.hash($0) }
        for i in stride(from: 0, to: 1000, by: 37) {
            var b = bytes
            b[i] ^= 1
            #expect(b.withUnsafeBytes { Hash64.hash($0) } != h)
        }
        #expect(Hash64.key("a") != Hash64.key("b"))
    }
}
