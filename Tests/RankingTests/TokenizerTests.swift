import Testing
@testable import Ranking

@Suite struct TokenizerTests {
    @Test(arguments: [
        ("getUserID", ["get", "User", "ID"]),
        ("HTTPServer_config", ["HTTP", "Server", "config"]),
        ("send_email2user", ["send", "email", "2", "user"]),
        ("PDF&URLTool", ["PDF", "URL", "Tool"]),
        ("weather-forecast, 2-day!", ["weather", "forecast", "2", "day"]),
        ("Größe ändernÜber", ["Größe", "ändern", "Über"]),
        ("", []),
    ])
    func splitsWords(input: String, expected: [String]) {
        #expect(Tokenizer.splitWords(input) == expected)
    }

    @Test func lowercasesDropsStopWordsAndStems() {
        let t = Tokenizer()
        #expect(t.tokens("Get the WEATHER forecasts for my cities") == ["get", "weather", "forecast", "city"])
        #expect(t.tokens("ÉCOLE") == ["école"])
    }

    @Test func withoutStemmingKeepsWords() {
        let t = Tokenizer(stopWords: [], stemming: false)
        #expect(t.tokens("Searching Files") == ["searching", "files"])
    }

    @Test(arguments: [
        ("analyze", "analyz"), ("analyzes", "analyz"), ("analyzing", "analyz"), ("analyzed", "analyz"),
        ("queries", "query"), ("studies", "study"), ("planned", "plan"), ("running", "run"),
        ("class", "class"), ("status", "status"), ("bus", "bus"), ("sing", "sing"), ("red", "red"),
        ("applied", "apply"), ("emails", "email"), ("agreed", "agreed"), ("café", "café"),
    ])
    func stems(word: String, expected: String) {
        #expect(Stemmer.stem(word) == expected)
    }
}

@Suite struct TokenizerPathTests {
    @Test(arguments: [
        "getUserID from the HTTPServer_config", "Send 2 emails to users' inboxes, quickly!", "ALLCAPS and MixedCASEWords123abc",
        "analyzing studies of planned running", "a_b-c.d/e:f", "",
    ])
    func asciiFastPathAgreesWithUnicodePath(text: String) throws {
        let t = Tokenizer()
        let fast = try #require(t.asciiTokens(text))
        #expect(fast == t.unicodeTokens(text))
        let plain = Tokenizer(stopWords: [], stemming: false)
        #expect(plain.asciiTokens(text) == plain.unicodeTokens(text))
    }

    @Test func nonASCIITextTakesTheUnicodePath() {
        let t = Tokenizer()
        #expect(t.asciiTokens("Café") == nil)
        #expect(t.tokens("Café prices") == ["café", "pric"])  // "prices" -> "price" -> "pric", as "pricing"
    }
}
