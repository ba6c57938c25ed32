/// Splits tool text and queries into index terms.
///
/// Words are runs of letters or runs of digits; everything else separates them. A run of
/// letters is further split at camelCase boundaries ("getUserID" -> "get", "user", "id";
/// "HTTPServer" -> "http", "server"), and underscores split snake_case. Words are lowercased
/// with Unicode rules, stop words dropped, and the rest stemmed by ``Stemmer``.
public struct Tokenizer: Sendable {
    /// Lower-case words that carry no meaning for ranking.
    public var stopWords: Set<String>
    /// Apply ``Stemmer`` to each word.
    public var stemming: Bool

    public init(stopWords: Set<String> = Tokenizer.englishStopWords, stemming: Bool = true) {
        self.stopWords = stopWords
        self.stemming = stemming
    }

    /// The index terms of `text`, in order, with repetitions.
    public func tokens(_ text: String) -> [String] {
        asciiTokens(text) ?? unicodeTokens(text)
    }

    /// The general path (any Unicode text); `asciiTokens` must agree with it on ASCII text.
    func unicodeTokens(_ text: String) -> [String] {
        var out: [String] = []
        for word in Tokenizer.splitWords(text) {
            let lower = word.lowercased()
            if stopWords.contains(lower) { continue }
            out.append(stemming ? Stemmer.stem(lower) : lower)
        }
        return out
    }

    /// Calls `body` with the bytes of each index term of `text`, in order (the buffer is valid only
    /// during the call). ASCII text takes a byte-level path with no String per word; other text
    /// goes through ``unicodeTokens(_:)``.
    func forEachToken(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var copy = text
        let done = copy.withUTF8 { bytes -> Bool in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return false }
            scanASCII(bytes, body)
            return true
        }
        if done { return }
        for token in unicodeTokens(text) {
            var t = token
            t.withUTF8 { body($0) }
        }
    }

    /// The ASCII path as Strings (nil for non-ASCII text); tested to agree with ``unicodeTokens(_:)``.
    func asciiTokens(_ text: String) -> [String]? {
        var copy = text
        return copy.withUTF8 { bytes -> [String]? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            var out: [String] = []
            scanASCII(bytes) { out.append(String(decoding: $0, as: UTF8.self)) }
            return out
        }
    }

    /// The splitting, lowercasing, stop-word and stemming rules over ASCII bytes.
    private func scanASCII(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var word: [UInt8] = []
        word.reserveCapacity(32)
        func flush() {
            guard !word.isEmpty else { return }
            let isStop = word.withUnsafeBufferPointer { stopWords.contains(String(decoding: $0, as: UTF8.self)) }
            if !isStop {
                if stemming { Stemmer.stem(&word) }
                word.withUnsafeBufferPointer { body($0) }
            }
            word.removeAll(keepingCapacity: true)
        }
        var previous = Kind.separator
        let n = bytes.count
        for i in 0..<n {
            let c = bytes[i]
            let k: Kind
            if c >= 0x61 && c <= 0x7A {
                k = .lower
            } else if c >= 0x41 && c <= 0x5A {
                k = .upper
            } else if c >= 0x30 && c <= 0x39 {
                k = .digit
            } else {
                flush()
                previous = .separator
                continue
            }
            if previous != .separator {
                let boundary: Bool
                switch (previous, k) {
                case (.digit, .digit): boundary = false
                case (.digit, _), (_, .digit): boundary = true
                case (.lower, .upper): boundary = true
                case (.upper, .upper): boundary = i + 1 < n && bytes[i + 1] >= 0x61 && bytes[i + 1] <= 0x7A
                default: boundary = false
                }
                if boundary { flush() }
            }
            word.append(k == .upper ? c | 0x20 : c)
            previous = k
        }
        flush()
    }

    private enum Kind { case lower, upper, other, digit, separator }

    private static func kind(_ c: Unicode.Scalar) -> Kind {
        let v = c.value
        if v < 0x80 {
            if v >= 0x61 && v <= 0x7A { return .lower }
            if v >= 0x41 && v <= 0x5A { return .upper }
            if v >= 0x30 && v <= 0x39 { return .digit }
            return .separator
        }
        let p = c.properties
        if p.numericType != nil { return .digit }
        if p.isUppercase { return .upper }
        if p.isLowercase { return .lower }
        // Letters without case (CJK, ...) and combining marks stay inside their word.
        if p.isAlphabetic { return .other }
        switch p.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return .other
        default: return .separator
        }
    }

    /// The words of `text` in their original case: letter runs split at camelCase boundaries,
    /// digit runs kept whole, everything else (underscore, punctuation, space) a separator.
    public static func splitWords(_ text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        var previous = Kind.separator
        let scalars = Array(text.unicodeScalars)
        for i in scalars.indices {
            let c = scalars[i]
            let k = kind(c)
            if k == .separator {
                if !current.isEmpty { words.append(String(current)) }
                current = String.UnicodeScalarView()
                previous = .separator
                continue
            }
            if previous != .separator {
                let isBoundary: Bool
                switch (previous, k) {
                case (.digit, .digit): isBoundary = false
                case (.digit, _), (_, .digit): isBoundary = true
                case (.lower, .upper), (.other, .upper): isBoundary = true
                case (.upper, .upper):
                    // "HTTPServer": the last capital before a lower-case letter starts a new word.
                    isBoundary = i + 1 < scalars.count && kind(scalars[i + 1]) == .lower
                default: isBoundary = false
                }
                if isBoundary {
                    words.append(String(current))
                    current = String.UnicodeScalarView()
                }
            }
            current.append(c)
            previous = k
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }

    /// A short English stop-word list: function words plus the filler of requests ("please", "want").
    public static let englishStopWords: Set<String> = [
        "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "could", "do", "does", "for",
        "from", "had", "has", "have", "he", "her", "his", "how", "i", "if", "in", "into", "is", "it", "its",
        "me", "my", "of", "on", "or", "our", "she", "so", "some", "than", "that", "the", "their", "them",
        "then", "there", "these", "they", "this", "those", "to", "too", "us", "was", "we", "were", "what",
        "when", "where", "which", "who", "whom", "why", "will", "with", "would", "you", "your", "yours",
        "am", "also", "any", "about", "after", "all", "before", "both", "each", "just", "more", "most",
        "no", "not", "only", "other", "over", "own", "same", "should", "such", "very", "shall", "may",
        "might", "must", "up", "out", "while", "here", "again", "further", "once", "please", "want",
        "like", "need", "e", "g", "eg", "ie", "etc",
    ]
}
