import JSONCore
import Testing

@Suite("JSON writer")
struct JSONWriterTests {
    @Test func writesNestedContainersWithSeparators() {
        var writer = JSONWriter(output: [UInt8]())
        writer.beginObject()
        writer.key("a")
        writer.beginArray()
        writer.integer(1)
        writer.null()
        writer.bool(true)
        writer.beginArray()
        writer.endArray()
        writer.beginObject()
        writer.endObject()
        writer.string("x\"y")
        writer.endArray()
        writer.key("b")
        writer.raw(#"{"pre":"made"}"#)
        writer.key("c")
        writer.double(2.5)
        writer.endObject()
        #expect(String(decoding: writer.output, as: UTF8.self) == #"{"a":[1,null,true,[],{},"x\"y"],"b":{"pre":"made"},"c":2.5}"#)
    }

    @Test func appendingWritesInPlace() {
        var text = "prefix "
        JSONWriter.appending(to: &text) { writer in
            writer.beginArray()
            writer.string("a")
            writer.string("b")
            writer.endArray()
        }
        #expect(text == #"prefix ["a","b"]"#)
    }

    @Test func keysUseTheWriterStringOptions() {
        var writer = JSONWriter(output: "", stringOptions: JSONString.Options(escapeLineSeparators: true))
        writer.beginObject()
        writer.key("k\u{2028}")
        writer.string("v\u{2029}")
        writer.endObject()
        #expect(writer.output == #"{"k\u2028":"v\u2029"}"#)
    }

    @Test func writtenTextReadsBack() throws {
        var writer = JSONWriter(output: "")
        writer.beginObject()
        writer.key("list")
        writer.beginArray()
        for i in 0..<5 { writer.integer(i) }
        writer.endArray()
        writer.key("text")
        writer.string("tab\tquote\"")
        writer.endObject()
        let value = try JSONReader.read(Array(writer.output.utf8), builder: TreeBuilder())
        #expect(value == .object([("list", .array((0..<5).map { .number("\($0)") })), ("text", .string("tab\tquote\""))]))
    }
}
