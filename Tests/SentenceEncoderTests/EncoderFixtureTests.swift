import Testing
@testable import SentenceEncoder

/// Vectors against sentence-transformers' own (fixture written by scripts/make-encoder-fixtures.py).
@Suite struct EncoderFixtureTests {
    struct Reference {
        var texts: [String]
        var vectors: [[Float]]
    }

    static func reference() throws -> Reference {
        let fixture = try TestSupport.readJSON(TestSupport.fixtures + "/embeddings.json")
        let texts = try #require(fixture["texts"]?.arrayValue).compactMap(\.stringValue)
        let vectors = try #require(fixture["vectors"]?.arrayValue).map { row in
            try #require(row.arrayValue).compactMap { value -> Float? in
                if case .number(let d) = value { return Float(d) }
                return nil
            }
        }
        #expect(texts.count == vectors.count)
        #expect(texts.count >= 25)
        return Reference(texts: texts, vectors: vectors)
    }

    @Test func modelIdentityAndDimensions() throws {
        let encoder = try TestSupport.encoder()
        #expect(encoder.dimensions == 384)
        #expect(encoder.maxSequenceLength == 256)
        #expect(encoder.modelID.hasPrefix("all-MiniLM-L6-v2@"))
        #expect(encoder.modelID.count == "all-MiniLM-L6-v2@".count + 12)
    }

    @Test func singleTextsMatchSentenceTransformers() async throws {
        let encoder = try TestSupport.encoder()
        let reference = try Self.reference()
        for (text, expected) in zip(reference.texts, reference.vectors) {
            let got = try await encoder.embed([text])
            #expect(got.count == 1)
            let cosine = TestSupport.cosine(got[0], expected)
            #expect(cosine >= 0.999, "cosine \(cosine) for \(String(reflecting: text.prefix(60)))")
        }
    }

    @Test func mixedLengthBatchMatchesSentenceTransformers() async throws {
        let encoder = try TestSupport.encoder()
        let reference = try Self.reference()
        let got = try await encoder.embed(reference.texts)
        #expect(got.count == reference.texts.count)
        for (i, (vector, expected)) in zip(got, reference.vectors).enumerated() {
            #expect(vector.count == 384)
            let cosine = TestSupport.cosine(vector, expected)
            #expect(cosine >= 0.999, "cosine \(cosine) for text \(i)")
            let norm = vector.reduce(0) { $0 + Double($1) * Double($1) }.squareRoot()
            #expect(abs(norm - 1) < 1e-4)
        }
    }

    @Test func textAtTheLengthLimitAndEmptyText() async throws {
        let encoder = try TestSupport.encoder()
        let reference = try Self.reference()
        let long = try #require(reference.texts.firstIndex { encoder.tokenize($0).count == encoder.maxSequenceLength })
        let empty = try #require(reference.texts.firstIndex(of: ""))
        let got = try await encoder.embed([reference.texts[long], reference.texts[empty]])
        #expect(TestSupport.cosine(got[0], reference.vectors[long]) >= 0.999)
        #expect(TestSupport.cosine(got[1], reference.vectors[empty]) >= 0.999)
    }

    @Test func batchOrderAndDuplicatesAreKept() async throws {
        let encoder = try TestSupport.encoder()
        let texts = ["send an email", "get_weather", "send an email", "", "a much longer text about sending email to people"]
        let got = try await encoder.embed(texts)
        #expect(got.count == texts.count)
        #expect(TestSupport.cosine(got[0], got[2]) > 0.99999)
        #expect(TestSupport.cosine(got[0], got[1]) < 0.9)
        let singles = try await encoder.embed(["get_weather"])
        #expect(TestSupport.cosine(got[1], singles[0]) > 0.99999)
    }
}
