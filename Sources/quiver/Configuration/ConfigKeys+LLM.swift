/// The LLM endpoint the planner uses (any OpenAI-compatible API). Unset `llm.base_url` means no LLM:
/// `/v1/query` and the chat facade answer 503, everything else works.
extension ConfigKeys {
    static let llmBaseURL = ConfigKey<String?>(
        "llm.base_url", default: nil, help: "OpenAI-compatible API root, e.g. http://127.0.0.1:8089/v1; unset disables /v1/query.")
    static let llmModel = ConfigKey<String?>("llm.model", default: nil, help: "Model name sent to the LLM endpoint (required with llm.base_url).")
    static let llmAPIKey = ConfigKey<String?>("llm.api_key", default: nil, help: "API key for the LLM endpoint (sent as a bearer token).", secret: true)
    static let llmAPIKeyFile = ConfigKey<String?>(
        "llm.api_key_file", default: nil, help: "File holding the LLM API key or bearer token; re-read when it changes. Wins over llm.api_key.")
    static let llmAcceptsGrammar = ConfigKey<Bool>(
        "llm.accepts_grammar", default: false, help: "The endpoint accepts llama.cpp's GBNF `grammar` field (llama.cpp server, llama-cpp-python).")
    static let llmJSONSchema = ConfigKey<JSONSchemaSetting>(
        "llm.json_schema", default: .none,
        help: "How the endpoint takes a JSON schema for answers: none; openai (response_format json_schema: OpenAI, vLLM, gateways); "
            + "llama_cpp (response_format json_object with schema: llama-cpp-python).")
    static let llmTimeoutSeconds = ConfigKey<Double>(
        "llm.timeout_seconds", default: 120, help: "Timeout of one LLM request.", validate: Check.range(0.1...3600))
    static let llmMaxAttempts = ConfigKey<Int>(
        "llm.max_attempts", default: 4, help: "Attempts per LLM request (retries on 429, 5xx, timeouts; 1 disables retries).",
        validate: Check.range(1...20))

    static let llmKeys: [any AnyConfigKey] = [llmBaseURL, llmModel, llmAPIKey, llmAPIKeyFile, llmAcceptsGrammar, llmJSONSchema, llmTimeoutSeconds, llmMaxAttempts]
}

enum JSONSchemaSetting: String, ConfigEnum {
    case none, openai, llama_cpp
}
