/// Simple (one scalar to one scalar) case mappings used by `(?i)`.
enum RegexCaseFold {
    /// The simple lowercase mapping of `c`, or `c` when it has none of one scalar.
    static func lower(_ c: UInt32) -> UInt32 {
        if c < 128 { return (c >= 65 && c <= 90) ? c + 32 : c }
        guard let scalar = Unicode.Scalar(c) else { return c }
        return single(scalar.properties.lowercaseMapping) ?? c
    }

    /// The simple uppercase mapping of `c`, or `c` when it has none of one scalar.
    static func upper(_ c: UInt32) -> UInt32 {
        if c < 128 { return (c >= 97 && c <= 122) ? c - 32 : c }
        guard let scalar = Unicode.Scalar(c) else { return c }
        return single(scalar.properties.uppercaseMapping) ?? c
    }

    /// A representative of the case-folding orbit of `c`: equal for `k`, `K` and the Kelvin sign.
    static func canonical(_ c: UInt32) -> UInt32 {
        if c < 128 { return (c >= 65 && c <= 90) ? c + 32 : c }
        return lower(upper(c))
    }

    /// Whether `c` has any case variant.
    static func hasVariants(_ c: UInt32) -> Bool {
        lower(c) != c || upper(c) != c || canonical(c) != c
    }

    private static func single(_ mapping: String) -> UInt32? {
        var iterator = mapping.unicodeScalars.makeIterator()
        guard let first = iterator.next(), iterator.next() == nil else { return nil }
        return first.value
    }
}
