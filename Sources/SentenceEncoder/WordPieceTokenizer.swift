/// BERT's tokenizer, as the Hugging Face `BertTokenizer` (fast, `tokenizers`' `BertNormalizer` +
/// `BertPreTokenizer` + `WordPiece`) does it: clean-up, CJK characters isolated, accents stripped (NFD, marks
/// dropped), lower-casing, splitting on whitespace and punctuation, greedy longest-match WordPiece with `##`
/// continuations, `[UNK]` for words longer than 100 characters, then `[CLS] … [SEP]` and truncation.
struct WordPieceTokenizer: Sendable {
    struct Options: Sendable, Equatable {
        var cleanText = true
        var handleChineseChars = true
        var stripAccents = true
        var lowercase = true
        /// Words of more characters (Unicode scalars) than this become one `[UNK]`.
        var maxInputCharsPerWord = 100
        var continuingSubwordPrefix = "##"
    }

    /// Vocabulary keyed by exact UTF-8 bytes (Swift `String` equality is canonical equivalence, which the
    /// reference tokenizer does not use).
    let vocabulary: [[UInt8]: Int32]
    let options: Options
    let clsID: Int32
    let sepID: Int32
    let unkID: Int32
    let padID: Int32
    let vocabularySize: Int

    init(tokens: [String], options: Options, source: String) throws(SentenceEncoderError) {
        var vocabulary: [[UInt8]: Int32] = [:]
        vocabulary.reserveCapacity(tokens.count)
        for (index, token) in tokens.enumerated() {
            guard let id = Int32(exactly: index) else {
                throw SentenceEncoderError(.invalidVocabulary, file: source, "more than \(Int32.max) tokens")
            }
            // The first occurrence wins, like the reference loaders.
            if vocabulary[Array(token.utf8)] == nil { vocabulary[Array(token.utf8)] = id }
        }
        func special(_ name: String) throws(SentenceEncoderError) -> Int32 {
            guard let id = vocabulary[Array(name.utf8)] else {
                throw SentenceEncoderError(.invalidVocabulary, file: source, "the vocabulary has no \(name) token")
            }
            return id
        }
        self.vocabulary = vocabulary
        self.options = options
        self.vocabularySize = tokens.count
        clsID = try special("[CLS]")
        sepID = try special("[SEP]")
        unkID = try special("[UNK]")
        padID = try special("[PAD]")
    }

    /// Token ids of `text`: `[CLS]`, at most `maxLength - 2` word pieces, `[SEP]`.
    func encode(_ text: String, maxLength: Int) -> [Int32] {
        let budget = max(maxLength - 2, 0)
        var ids: [Int32] = [clsID]
        ids.reserveCapacity(min(budget, 64) + 2)
        let scalars = normalize(text)
        var word: [Unicode.Scalar] = []
        var done = false
        func flush() {
            guard !word.isEmpty, !done else { return }
            appendWordPieces(of: word, to: &ids)
            word.removeAll(keepingCapacity: true)
            if ids.count - 1 >= budget { done = true }
        }
        for scalar in scalars {
            if done { break }
            if scalar.properties.isWhitespace {
                flush()
            } else if Self.isPunctuation(scalar) {
                flush()
                word.append(scalar)
                flush()
            } else {
                word.append(scalar)
            }
        }
        flush()
        if ids.count - 1 > budget { ids.removeSubrange((1 + budget)...) }
        ids.append(sepID)
        return ids
    }

    /// Greedy longest-match-first WordPiece of one pre-tokenized word.
    func appendWordPieces(of word: [Unicode.Scalar], to ids: inout [Int32]) {
        guard word.count <= options.maxInputCharsPerWord else {
            ids.append(unkID)
            return
        }
        var utf8: [UInt8] = []
        var offsets: [Int] = [0]
        for scalar in word {
            utf8.append(contentsOf: UTF8.encode(scalar).map { Array($0) } ?? [])
            offsets.append(utf8.count)
        }
        let prefix = Array(options.continuingSubwordPrefix.utf8)
        let mark = ids.count
        var start = 0
        var key: [UInt8] = []
        while start < word.count {
            var end = word.count
            var found: Int32?
            while start < end {
                key.removeAll(keepingCapacity: true)
                if start > 0 { key.append(contentsOf: prefix) }
                key.append(contentsOf: utf8[offsets[start]..<offsets[end]])
                if let id = vocabulary[key] {
                    found = id
                    break
                }
                end -= 1
            }
            guard let id = found else {
                ids.removeSubrange(mark...)
                ids.append(unkID)
                return
            }
            ids.append(id)
            start = end
        }
    }
}
