import Testing
@testable import Catalog

@Suite struct JSONPathTests {
    @Test func printsPaths() {
        let path = JSONPath.root.appending("tools").appending(index: 3).appending("odd key").appending("x")
        #expect(path.description == #"$.tools[3]["odd key"].x"#)
        #expect(JSONPath.root.description == "$")
    }

    @Test(arguments: [
        ("$.a.b[1]", "$.a.b[1]"),
        ("a.b", "$.a.b"),
        ("[0].name", "$[0].name"),
        (#"$["x y"][-1]"#, #"$["x y"][-1]"#),
        ("$", "$"),
    ])
    func parsesPaths(text: String, printed: String) throws {
        #expect(try JSONPath(parsing: text).description == printed)
    }

    @Test(arguments: ["$.", "$x", "a[", "a[x]", "a..b", #"a["x"#, "a[99999999999999999999]"])
    func rejectsBadPaths(text: String) {
        #expect(throws: JSONPathSyntaxError.self) { try JSONPath(parsing: text) }
    }

    @Test func looksUpValues() throws {
        let value: JSONValue = ["a": ["b": [10, 20, 30]]]
        #expect(try JSONPath(parsing: "a.b[1]").lookup(in: value) == 20)
        #expect(try JSONPath(parsing: "a.b[-1]").lookup(in: value) == 30)
        #expect(try JSONPath(parsing: "a.b[3]").lookup(in: value) == nil)
        #expect(try JSONPath(parsing: "a.c").lookup(in: value) == nil)
        #expect(try JSONPath(parsing: "a.b.c").lookup(in: value) == nil)
    }
}

@Suite struct SHA256Tests {
    @Test func knownVectors() {
        #expect(SHA256.hex("".utf8) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc".utf8) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}
