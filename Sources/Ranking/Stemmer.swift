/// A light suffix stripper: English plurals (the S-stemmer) and the common verb endings
/// "-ing" and "-ed", then a final "e". It conflates "analyze", "analyzes", "analyzing" and
/// "analyzed" to "analyz" while leaving short words alone. Lower-case input is assumed; words
/// with anything but the letters a-z are returned unchanged.
public enum Stemmer {
    /// Words of this many characters or fewer are returned unchanged.
    static let minimumLength = 3

    public static func stem(_ word: String) -> String {
        var chars = Array(word.utf8)
        guard stem(&chars) else { return word }
        return String(decoding: chars, as: UTF8.self)
    }

    /// Stems lower-case ASCII letters in place; returns false (and leaves `chars` alone) for other input.
    @discardableResult
    static func stem(_ chars: inout [UInt8]) -> Bool {
        guard chars.count > minimumLength, chars.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return false }
        stripPlural(&chars)
        stripVerbEnding(&chars)
        if chars.count > 4, chars.last == UInt8(ascii: "e") { chars.removeLast() }
        return true
    }

    @inline(__always)
    private static func ends(_ chars: [UInt8], _ suffix: StaticString) -> Bool {
        let n = suffix.utf8CodeUnitCount
        guard chars.count >= n else { return false }
        let base = chars.count - n
        let s = suffix.utf8Start
        for i in 0..<n where chars[base + i] != s[i] { return false }
        return true
    }

    private static func isVowel(_ c: UInt8) -> Bool {
        c == 0x61 || c == 0x65 || c == 0x69 || c == 0x6F || c == 0x75 || c == 0x79
    }

    /// Harman's S-stemmer: "ies" -> "y" (not "eies", "aies"), "es" -> "e" (not "aes", "ees", "oes"),
    /// "s" -> "" (not "us", "ss").
    private static func stripPlural(_ chars: inout [UInt8]) {
        if ends(chars, "ies"), !ends(chars, "eies"), !ends(chars, "aies") {
            chars.removeLast(3)
            chars.append(UInt8(ascii: "y"))
        } else if ends(chars, "es"), !ends(chars, "aes"), !ends(chars, "ees"), !ends(chars, "oes") {
            chars.removeLast(1)
        } else if ends(chars, "s"), !ends(chars, "us"), !ends(chars, "ss") {
            chars.removeLast(1)
        }
    }

    /// "-ing" and "-ed" when a vowel stays in a stem of at least three letters; "-ied" -> "y";
    /// a doubled final consonant left behind is undoubled ("planned" -> "plan").
    private static func stripVerbEnding(_ chars: inout [UInt8]) {
        if ends(chars, "ied"), chars.count > 4 {
            chars.removeLast(3)
            chars.append(UInt8(ascii: "y"))
            return
        }
        var cut = 0
        if ends(chars, "ing") { cut = 3 } else if ends(chars, "ed"), !ends(chars, "eed") { cut = 2 }
        guard cut > 0, chars.count - cut >= 3, chars[0..<(chars.count - cut)].contains(where: isVowel) else { return }
        chars.removeLast(cut)
        let n = chars.count
        if n >= 2, chars[n - 1] == chars[n - 2], !isVowel(chars[n - 1]),
            chars[n - 1] != UInt8(ascii: "l"), chars[n - 1] != UInt8(ascii: "s"), chars[n - 1] != UInt8(ascii: "z")
        {
            chars.removeLast()
        }
    }
}
