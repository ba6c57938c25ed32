@_spi(_Unicode) import Swift

extension WordPieceTokenizer {
    /// `BertNormalizer`: clean-up, CJK isolation, NFD with non-spacing marks removed, lower-casing.
    func normalize(_ text: String) -> [Unicode.Scalar] {
        var cleaned: [Unicode.Scalar] = []
        cleaned.reserveCapacity(text.utf8.count)
        var ascii = true
        for scalar in text.unicodeScalars {
            if options.cleanText {
                if scalar.value == 0 || scalar.value == 0xFFFD || Self.isControl(scalar) { continue }
                if Self.isWhitespace(scalar) {
                    cleaned.append(" ")
                    continue
                }
            }
            if scalar.value >= 0x80 { ascii = false }
            if options.handleChineseChars, Self.isChineseChar(scalar) {
                cleaned.append(" ")
                cleaned.append(scalar)
                cleaned.append(" ")
            } else {
                cleaned.append(scalar)
            }
        }
        var stripped: [Unicode.Scalar]
        if options.stripAccents, !ascii {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: cleaned)
            stripped = []
            stripped.reserveCapacity(cleaned.count)
            for scalar in String(view)._nfd where scalar.properties.generalCategory != .nonspacingMark {
                stripped.append(scalar)
            }
        } else {
            stripped = cleaned
        }
        guard options.lowercase else { return stripped }
        var lowered: [Unicode.Scalar] = []
        lowered.reserveCapacity(stripped.count)
        for scalar in stripped {
            if scalar.value < 0x80 {
                let v = scalar.value
                lowered.append(v >= 0x41 && v <= 0x5A ? Unicode.Scalar(UInt8(v + 0x20)) : scalar)
            } else if scalar.properties.changesWhenLowercased {
                lowered.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            } else {
                lowered.append(scalar)
            }
        }
        return lowered
    }

    /// Whitespace for clean-up: tab, newline, carriage return and the Unicode `White_Space` property.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\t", "\n", "\r", " ": return true
        default: return scalar.value >= 0x80 && scalar.properties.isWhitespace
        }
    }

    /// Control characters dropped by clean-up: categories Cc, Cf, Co and Cs, except tab, newline and
    /// carriage return (which count as whitespace).
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\t", "\n", "\r": return false
        default:
            if scalar.value >= 0x20 && scalar.value < 0x7F { return false }
            switch scalar.properties.generalCategory {
            case .control, .format, .privateUse, .surrogate: return true
            default: return false
            }
        }
    }

    /// BERT's punctuation: all ASCII non-alphanumeric printable characters, and Unicode categories P*.
    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if (33...47).contains(v) || (58...64).contains(v) || (91...96).contains(v) || (123...126).contains(v) { return true }
        if v < 0x80 { return false }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    /// The CJK Unified Ideograph blocks that BERT tokenizes one character at a time (the ranges of
    /// `tokenizers`' `BertNormalizer`).
    static func isChineseChar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F, 0x2B740...0x2B81F,
            0x2B920...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F:
            return true
        default:
            return false
        }
    }
}
