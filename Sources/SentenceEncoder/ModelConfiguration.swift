/// The shape of a BERT sentence encoder, read from a sentence-transformers model directory:
/// `config.json` (architecture), `sentence_bert_config.json` (maximum sequence length) and
/// `1_Pooling/config.json` (must be mean pooling), plus the tokenizer options.
struct ModelConfiguration: Sendable, Equatable {
    var hiddenSize: Int
    var layers: Int
    var heads: Int
    var intermediateSize: Int
    var maxPositions: Int
    var typeVocabularySize: Int
    var vocabularySize: Int
    var layerNormEpsilon: Float
    /// Tokens per text, including `[CLS]` and `[SEP]`; longer texts are truncated.
    var maxSequenceLength: Int
    var tokenizer: WordPieceTokenizer.Options

    var headSize: Int { hiddenSize / heads }

    static func load(directory: String, settings: SentenceEncoderSettings) throws(SentenceEncoderError) -> ModelConfiguration {
        let path = FileAccess.join(directory, "config.json")
        let config = try FileAccess.readJSON(path, limit: settings.maxConfigBytes)
        func int(_ key: String) throws(SentenceEncoderError) -> Int {
            guard let value = config[key]?.intValue, value > 0 else {
                throw SentenceEncoderError(.invalidConfig, file: path, "\"\(key)\" is missing or not a positive integer")
            }
            return value
        }
        if let type = config["model_type"]?.stringValue, type != "bert" {
            throw SentenceEncoderError(.invalidConfig, file: path, "model_type \"\(type)\" is not supported (only \"bert\")")
        }
        if let act = config["hidden_act"]?.stringValue, act != "gelu" {
            throw SentenceEncoderError(.invalidConfig, file: path, "hidden_act \"\(act)\" is not supported (only \"gelu\")")
        }
        if let position = config["position_embedding_type"]?.stringValue, position != "absolute" {
            throw SentenceEncoderError(
                .invalidConfig, file: path, "position_embedding_type \"\(position)\" is not supported (only \"absolute\")")
        }
        var epsilon: Float = 1e-12
        if let value = config["layer_norm_eps"] {
            guard case .number(let d) = value, d > 0 else {
                throw SentenceEncoderError(.invalidConfig, file: path, "\"layer_norm_eps\" is not a positive number")
            }
            epsilon = Float(d)
        }
        let hidden = try int("hidden_size")
        let heads = try int("num_attention_heads")
        guard hidden % heads == 0 else {
            throw SentenceEncoderError(.invalidConfig, file: path, "hidden_size \(hidden) is not a multiple of num_attention_heads \(heads)")
        }
        var result = ModelConfiguration(
            hiddenSize: hidden, layers: try int("num_hidden_layers"), heads: heads,
            intermediateSize: try int("intermediate_size"), maxPositions: try int("max_position_embeddings"),
            typeVocabularySize: try int("type_vocab_size"), vocabularySize: try int("vocab_size"),
            layerNormEpsilon: epsilon, maxSequenceLength: 0, tokenizer: .init())
        guard result.maxPositions >= 2 else {
            throw SentenceEncoderError(.invalidConfig, file: path, "max_position_embeddings must be at least 2")
        }
        result.maxSequenceLength = min(try sequenceLength(directory: directory, settings: settings), result.maxPositions)
        if let limit = settings.maxSequenceLength {
            guard limit >= 2 else {
                throw SentenceEncoderError(.limitExceeded, "maxSequenceLength = \(limit) must be at least 2")
            }
            result.maxSequenceLength = min(result.maxSequenceLength, limit)
        }
        try checkPooling(directory: directory, settings: settings)
        result.tokenizer = try tokenizerOptions(directory: directory, settings: settings)
        return result
    }

    private static func sequenceLength(directory: String, settings: SentenceEncoderSettings) throws(SentenceEncoderError) -> Int {
        let path = FileAccess.join(directory, "sentence_bert_config.json")
        guard FileAccess.exists(path) else { return 512 }
        let config = try FileAccess.readJSON(path, limit: settings.maxConfigBytes)
        guard let value = config["max_seq_length"] else { return 512 }
        guard let length = value.intValue, length >= 2 else {
            throw SentenceEncoderError(.invalidConfig, file: path, "\"max_seq_length\" is not an integer of at least 2")
        }
        if config["do_lower_case"]?.boolValue == true {
            throw SentenceEncoderError(.invalidConfig, file: path, "\"do_lower_case\": true is not supported")
        }
        return length
    }

    private static func checkPooling(directory: String, settings: SentenceEncoderSettings) throws(SentenceEncoderError) {
        let path = FileAccess.join(FileAccess.join(directory, "1_Pooling"), "config.json")
        guard FileAccess.exists(path) else { return }
        let config = try FileAccess.readJSON(path, limit: settings.maxConfigBytes)
        let others = ["pooling_mode_cls_token", "pooling_mode_max_tokens", "pooling_mode_mean_sqrt_len_tokens",
                      "pooling_mode_weightedmean_tokens", "pooling_mode_lasttoken"]
        guard config["pooling_mode_mean_tokens"]?.boolValue == true,
            others.allSatisfy({ config[$0]?.boolValue != true })
        else {
            throw SentenceEncoderError(.invalidConfig, file: path, "only mean pooling (pooling_mode_mean_tokens) is supported")
        }
    }

    /// Tokenizer options from `tokenizer.json`'s `BertNormalizer` when present, else `tokenizer_config.json`.
    private static func tokenizerOptions(
        directory: String, settings: SentenceEncoderSettings
    ) throws(SentenceEncoderError) -> WordPieceTokenizer.Options {
        var options = WordPieceTokenizer.Options()
        let json = FileAccess.join(directory, "tokenizer.json")
        if FileAccess.exists(json) {
            // Only the settings: the vocabulary (most of the file) is read from vocab.txt when there is one.
            let tokenizer = try FileAccess.readJSON(json, limit: settings.maxConfigBytes, keeping: ["normalizer", "model"], dropping: ["vocab", "merges"])
            if let normalizer = tokenizer["normalizer"], normalizer != .null {
                guard normalizer["type"]?.stringValue == "BertNormalizer" else {
                    throw SentenceEncoderError(.invalidConfig, file: json, "the normalizer is not a BertNormalizer")
                }
                options.cleanText = normalizer["clean_text"]?.boolValue ?? true
                options.handleChineseChars = normalizer["handle_chinese_chars"]?.boolValue ?? true
                options.lowercase = normalizer["lowercase"]?.boolValue ?? true
                options.stripAccents = normalizer["strip_accents"]?.boolValue ?? options.lowercase
            }
            if let model = tokenizer["model"] {
                if let type = model["type"]?.stringValue, type != "WordPiece" {
                    throw SentenceEncoderError(.invalidConfig, file: json, "the model type \(type) is not WordPiece")
                }
                if let limit = model["max_input_chars_per_word"]?.intValue { options.maxInputCharsPerWord = limit }
                if let prefix = model["continuing_subword_prefix"]?.stringValue { options.continuingSubwordPrefix = prefix }
            }
            return options
        }
        let path = FileAccess.join(directory, "tokenizer_config.json")
        guard FileAccess.exists(path) else { return options }
        let config = try FileAccess.readJSON(path, limit: settings.maxConfigBytes)
        options.lowercase = config["do_lower_case"]?.boolValue ?? true
        options.stripAccents = config["strip_accents"]?.boolValue ?? options.lowercase
        options.handleChineseChars = config["tokenize_chinese_chars"]?.boolValue ?? true
        return options
    }
}

extension WordPieceTokenizer {
    /// Loads the vocabulary from `vocab.txt` (one token a line, the line number is the id), or from
    /// `tokenizer.json`'s `model.vocab` when there is no `vocab.txt`.
    static func load(
        directory: String, options: Options, settings: SentenceEncoderSettings
    ) throws(SentenceEncoderError) -> WordPieceTokenizer {
        let text = FileAccess.join(directory, "vocab.txt")
        if FileAccess.exists(text) {
            let bytes = try FileAccess.readAll(text, limit: settings.maxConfigBytes)
            var tokens = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
                var line = line
                if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
                return String(decoding: line, as: UTF8.self)
            }
            if tokens.last == "" { tokens.removeLast() }
            guard !tokens.isEmpty else { throw SentenceEncoderError(.invalidVocabulary, file: text, "the vocabulary is empty") }
            return try WordPieceTokenizer(tokens: tokens, options: options, source: text)
        }
        let json = FileAccess.join(directory, "tokenizer.json")
        guard FileAccess.exists(json) else {
            throw SentenceEncoderError(.fileMissing, file: text, "file not found (and no tokenizer.json either)")
        }
        let tokenizer = try FileAccess.readJSON(json, limit: settings.maxConfigBytes)
        guard let vocab = tokenizer["model"]?["vocab"]?.objectValue, !vocab.isEmpty else {
            throw SentenceEncoderError(.invalidVocabulary, file: json, "model.vocab is missing or empty")
        }
        var tokens = [String](repeating: "", count: vocab.count)
        for (token, value) in vocab {
            guard let id = value.intValue, id >= 0, id < vocab.count, tokens[id].isEmpty else {
                throw SentenceEncoderError(.invalidVocabulary, file: json, "token \"\(token)\" has an invalid or duplicate id")
            }
            tokens[id] = token
        }
        return try WordPieceTokenizer(tokens: tokens, options: options, source: json)
    }
}
