/// Unicode general categories as bits, for `\p{L}`, `\p{Lu}`, `\pN` and the like.
enum RegexUnicodeCategory {
    private static let names: [String] = [
        "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No",
        "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So",
        "Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co", "Cn",
    ]

    /// The bit of the general category of scalar `c` (0 for a value that is no scalar).
    static func bit(of c: UInt32) -> UInt32 {
        guard let scalar = Unicode.Scalar(c) else { return 0 }
        return 1 << index(of: scalar.properties.generalCategory)
    }

    /// The position of `category` in `names`.
    private static func index(of category: Unicode.GeneralCategory) -> UInt32 {
        switch category {
        case .uppercaseLetter: 0
        case .lowercaseLetter: 1
        case .titlecaseLetter: 2
        case .modifierLetter: 3
        case .otherLetter: 4
        case .nonspacingMark: 5
        case .spacingMark: 6
        case .enclosingMark: 7
        case .decimalNumber: 8
        case .letterNumber: 9
        case .otherNumber: 10
        case .connectorPunctuation: 11
        case .dashPunctuation: 12
        case .openPunctuation: 13
        case .closePunctuation: 14
        case .initialPunctuation: 15
        case .finalPunctuation: 16
        case .otherPunctuation: 17
        case .mathSymbol: 18
        case .currencySymbol: 19
        case .modifierSymbol: 20
        case .otherSymbol: 21
        case .spaceSeparator: 22
        case .lineSeparator: 23
        case .paragraphSeparator: 24
        case .control: 25
        case .format: 26
        case .surrogate: 27
        case .privateUse: 28
        case .unassigned: 29
        @unknown default: 29
        }
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
