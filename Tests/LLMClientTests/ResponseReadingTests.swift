import Testing

@testable import LLMClient

/// Reading endpoint answers with JSONCore (no Foundation decoder): shapes, paths in errors, lenient numbers.
@Suite struct ResponseReadingTests {
    private func chat(_ text: String) throws(LLMError) -> ChatResponseDTO {
        try LLMClient.decode(Array(text.utf8), what: "chat completion") { (json) throws(JSONField.ShapeError) in try ChatResponseDTO(json: json) }
    }

    @Test func aTypicalAnswerIsRead() throws {
        let dto = try chat(#"{"id":"c1","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"hi \u00e9"},"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":3,"total_tokens":15}}"#)
        #expect(dto.id == "c1")
        #expect(dto.model == "m")
        #expect(dto.choices.first?.content == "hi é")
        #expect(dto.choices.first?.finishReason == "stop")
        #expect(dto.usage == TokenUsage(promptTokens: 12, completionTokens: 3, totalTokens: 15))
    }

    @Test func nullsAndAbsentFieldsAreNil() throws {
        let dto = try chat(#"{"choices":[{"message":{"content":null},"finish_reason":null}],"usage":null}"#)
        #expect(dto.choices.first?.content == nil)
        #expect(dto.choices.first?.finishReason == nil)
        #expect(dto.usage == nil)
        let bare = try chat(#"{"choices":[{}]}"#)
        #expect(bare.choices.count == 1)
        #expect(bare.id == nil)
    }

    @Test func integralDoublesCountAsTokenCountsAndTheTotalDefaultsToTheSum() throws {
        let dto = try chat(#"{"choices":[],"usage":{"prompt_tokens":7.0,"completion_tokens":2}}"#)
        #expect(dto.usage == TokenUsage(promptTokens: 7, completionTokens: 2, totalTokens: 9))
        #expect(throws: LLMError.self) { _ = try chat(#"{"choices":[],"usage":{"prompt_tokens":7.5}}"#) }
    }

    @Test func theLastOfDuplicateKeysWins() throws {
        let dto = try chat(#"{"model":"a","model":"b","choices":[]}"#)
        #expect(dto.model == "b")
    }

    @Test func wrongShapesNameTheirPath() {
        let cases: [(String, String)] = [
            (#"{"nochoices":[]}"#, "$: missing key 'choices'"),
            (#"{"choices":{}}"#, "$.choices: expected an array, found an object"),
            (#"{"choices":[{"message":"text"}]}"#, "$.choices[0].message: expected an object, found a string"),
            (#"{"choices":[{"finish_reason":1}]}"#, "$.choices[0].finish_reason: expected a string, found a number"),
            (#"[1,2]"#, "$: expected an object, found an array"),
        ]
        for (body, expected) in cases {
            do {
                _ = try chat(body)
                Issue.record("\(body) was accepted")
            } catch {
                #expect(error.code == .invalidResponse)
                #expect(error.message.contains(expected), "\(error.message)")
            }
        }
    }

    @Test func invalidJSONNamesThePosition() {
        do {
            _ = try chat(#"{"choices": [}"#)
            Issue.record("accepted")
        } catch {
            #expect(error.code == .invalidResponse)
            #expect(error.message.contains("not valid JSON"))
            #expect(error.message.contains("column"), "\(error.message)")
        }
    }

    @Test func deepNestingIsRefusedNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: LLMError.self) { _ = try chat(deep) }
    }

    @Test func embeddingsOutsideFloatRangeAreRefused() throws {
        let read = { (text: String) throws(LLMError) -> EmbeddingsDTO in
            try LLMClient.decode(Array(text.utf8), what: "embeddings") { (json) throws(JSONField.ShapeError) in try EmbeddingsDTO(json: json) }
        }
        let ok = try read(#"{"data":[{"embedding":[1,0.5,-2e-3],"index":0}],"model":"e"}"#)
        #expect(ok.data.first?.embedding == [1, 0.5, -0.002])
        #expect(throws: LLMError.self) { _ = try read(#"{"data":[{"embedding":[1e300]}]}"#) }
        #expect(throws: LLMError.self) { _ = try read(#"{"data":[{"embedding":["x"]}]}"#) }
    }

    @Test func errorEnvelopesGiveTheirMessage() {
        #expect(LLMClient.errorMessage(#"{"error":{"message":"rate limited","type":"rate_limit"}}"#) == "rate limited")
        #expect(LLMClient.errorMessage("<html>") == nil)
        #expect(LLMClient.errorMessage(#"{"error":"plain"}"#) == nil)
    }
}
