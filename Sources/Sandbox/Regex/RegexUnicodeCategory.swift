/// Unicode general categories as bits, for `\p{L}`, `\p{Lu}`, `\pN` and the like.
enum RegexUnicodeCategory {
    private static let order: [Unicode.GeneralCategory] = [
        .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
        .nonspacingMark, .spacingMark, .enclosingMark,
        .decimalNumber, .letterNumber, .otherNumber,
        .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
        .initialPunctuation, .finalPunctuation, .otherPunctuation,
        .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol,
        .spaceSeparator, .lineSeparator, .paragraphSeparator,
        .control, .format, .surrogate, .privateUse, .unassigned,
    ]

    private static let names: [String] = [
        "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No",
        "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So",
        "Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co", "Cn",
    ]

    /// The bit of the general category of scalar `c` (0 for a value that is no scalar).
    static func bit(of c: UInt32) -> UInt32 {
        guard let scalar = Unicode.Scalar(c) else { return 0 }
        let category = scalar.properties.generalCategory
        for (index, candidate) in order.enumerated() where candidate == category {
            return 1 << UInt32(index)
        }
        return 0
    }

    /// The mask for a category name (`L`, `Lu`, `N`, `Any`, ...), or nil when it is not supported.
    static func mask(named name: String) -> UInt32? {
        if name == "Any" { return UInt32.max }
        if name.unicodeScalars.count == 1 {
            var mask: UInt32 = 0
            for (index, long) in names.enumerated() where long.hasPrefix(name) {
                // RE2's one-letter C leaves out unassigned code points.
                if long == "Cn" { continue }
                mask |= 1 << UInt32(index)
            }
            return mask == 0 ? nil : mask
        }
        guard let index = names.firstIndex(of: name) else { return nil }
        return 1 << UInt32(index)
    }
}
