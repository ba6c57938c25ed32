import JSONCore
import Testing

@Suite("JSON string escaping")
struct JSONStringTests {
    @Test(arguments: [
        ("plain", #""plain""#),
        ("quote \" and backslash \\", #""quote \" and backslash \\""#),
        ("line\nreturn\rtab\t", #""line\nreturn\rtab\t""#),
        ("\u{00}\u{01}\u{08}\u{0C}\u{1F}", #""\u0000\u0001\u0008\u000c\u001f""#),
        ("\u{7F} is not escaped", "\"\u{7F} is not escaped\""),
        ("é 😀 中", "\"é 😀 中\""),
        ("/ stays", #""/ stays""#),
        ("\u{2028}\u{2029}", "\"\u{2028}\u{2029}\""),
    ])
    func standardEscaping(text: String, expected: String) {
        #expect(JSONString.quoted(text) == expected)
        var bytes: [UInt8] = []
        JSONString.append(text, to: &bytes)
        #expect(bytes == Array(expected.utf8), "the byte output matches the string output")
    }

    @Test func lineSeparatorsEscapedOnRequest() {
        let options = JSONString.Options(escapeLineSeparators: true)
        #expect(JSONString.quoted("a\u{2028}b\u{2029}c", options: options) == #""a\u2028b\u2029c""#)
        #expect(JSONString.quoted("\u{20AC} keeps its E2 lead byte", options: options) == "\"\u{20AC} keeps its E2 lead byte\"")
    }

    @Test func escapedTextReadsBackUnchanged() throws {
        var all = ""
        for value in 0..<0x300 { if let scalar = Unicode.Scalar(value) { all.unicodeScalars.append(scalar) } }
        all += "\u{2028}😀\u{FFFF}\u{10FFFF}"
        for options in [JSONString.Options.standard, JSONString.Options(escapeLineSeparators: true)] {
            let read = try JSONReader.read(Array(JSONString.quoted(all, options: options).utf8), builder: TreeBuilder())
            #expect(read == .string(all))
        }
    }

    /// Swift strings hold Unicode scalars only, so a lone surrogate cannot reach the writer; in JSON text it
    /// is refused by the reader rather than silently replaced.
    @Test(arguments: [#""\ud800""#, #""\udc00""#, #""\ud800\u0041""#, #""\ud800x""#])
    func loneSurrogatesAreRefused(text: String) {
        #expect(throws: JSONReadError.self) { try JSONReader.read(Array(text.utf8), builder: TreeBuilder()) }
    }

    @Test func surrogatePairsDecode() throws {
        #expect(try JSONReader.read(Array(#""\ud83d\ude00""#.utf8), builder: TreeBuilder()) == .string("😀"))
    }
}
