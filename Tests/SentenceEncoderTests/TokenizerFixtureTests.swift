import Testing
@testable import SentenceEncoder

/// Token ids against the Hugging Face tokenizer of the model (fixture written by
/// scripts/make-encoder-fixtures.py).
@Suite struct TokenizerFixtureTests {
    @Test func idsMatchHuggingFaceOnEveryFixtureText() throws {
        let encoder = try TestSupport.encoder()
        let fixture = try TestSupport.readJSON(TestSupport.fixtures + "/tokenizer-ids.json")
        let texts = try #require(fixture["texts"]?.arrayValue)
        let ids = try #require(fixture["ids"]?.arrayValue)
        #expect(texts.count >= 300)
        #expect(texts.count == ids.count)
        #expect(fixture["max_length"]?.intValue == encoder.maxSequenceLength)
        var mismatches = 0
        for (text, expected) in zip(texts, ids) {
            let text = try #require(text.stringValue)
            let want = try #require(expected.arrayValue).compactMap { $0.intValue.map(Int32.init) }
            let got = encoder.tokenize(text)
            if got != want {
                mismatches += 1
                Issue.record("text \(String(reflecting: text)): got \(got), expected \(want)")
            }
        }
        #expect(mismatches == 0)
    }

    @Test func truncatesAtTheMaximumSequenceLength() throws {
        let encoder = try TestSupport.encoder()
        let ids = encoder.tokenize(String(repeating: "word ", count: 1000))
        #expect(ids.count == encoder.maxSequenceLength)
        #expect(ids.first == encoder.tokenizer.clsID)
        #expect(ids.last == encoder.tokenizer.sepID)
    }

    @Test func emptyTextIsClsSep() throws {
        let encoder = try TestSupport.encoder()
        #expect(encoder.tokenize("") == [encoder.tokenizer.clsID, encoder.tokenizer.sepID])
    }
}

/// Tokenizer rules on the tiny vocabulary, independent of the real model.
@Suite struct TokenizerRuleTests {
    let tokenizer: WordPieceTokenizer

    init() throws {
        tokenizer = try WordPieceTokenizer(
            tokens: ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "get", "weather", "##s", "_", "cafe", "中", ",", "i", "##stanbul"],
            options: .init(), source: "vocab.txt")
    }

    @Test(arguments: [
        ("get_weathers", [2, 4, 7, 5, 6, 3]),
        ("GET  Weather,", [2, 4, 5, 10, 3]),
        ("Café", [2, 8, 3]),
        ("中", [2, 9, 3]),
        ("x中get", [2, 1, 9, 4, 3]),
        ("İstanbul", [2, 11, 12, 3]),
        ("getx", [2, 1, 3]),
        ("get\u{200B}weather", [2, 1, 3]),
        ("get\u{0}\u{7}", [2, 4, 3]),
    ] as [(String, [Int32])])
    func rules(text: String, expected: [Int32]) {
        #expect(tokenizer.encode(text, maxLength: 512) == expected)
    }

    @Test func wordsOverTheCharacterLimitAreOneUnknown() {
        // A word whose tail has no continuation piece is one [UNK] as a whole.
        #expect(tokenizer.encode("getget", maxLength: 512) == [2, 1, 3])
        let atLimit = "get" + String(repeating: "s", count: 97)  // 100 characters
        #expect(tokenizer.encode(atLimit, maxLength: 512) == [2, 4] + Array(repeating: 6, count: 97) + [3])
        let overLimit = atLimit + "s"  // 101 characters
        #expect(tokenizer.encode(overLimit, maxLength: 512) == [2, 1, 3])
    }

    @Test func truncationKeepsClsAndSep() {
        #expect(tokenizer.encode("get get get get", maxLength: 4) == [2, 4, 4, 3])
        #expect(tokenizer.encode("get get", maxLength: 2) == [2, 3])
    }

    @Test func vocabularyWithoutSpecialTokensIsAnError() {
        #expect(throws: SentenceEncoderError.self) {
            _ = try WordPieceTokenizer(tokens: ["a", "b"], options: .init(), source: "vocab.txt")
        }
    }
}
