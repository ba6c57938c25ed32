import Orchestrator
import Testing

/// Pins the bytes of Orchestrator's event/response JSON: order kept, U+2028/9 escaped, doubles to 3 decimals.
@Suite struct JSONTextTests {
    @Test func serialisesWithItsOwnRules() {
        let value = JSONText.object([
            ("s", .string("q\"\\\n\r\t\u{01}\u{2028}\u{2029}é")), ("i", .int(-7)), ("ms", .double(12.34567)), ("whole", .double(3.0)),
            ("neg0", .double(-0.0)), ("nan", .double(.nan)), ("big", .double(2.5e15)), ("raw", .raw(#"{"x":1}"#)),
            ("list", .array([.null, .bool(true), .bool(false), .array([]), .object([])])),
        ])
        #expect(value.serialized
            == #"{"s":"q\"\\\n\r\t\u0001\u2028\u2029é","i":-7,"ms":12.346,"whole":3,"neg0":0,"nan":null,"big":2500000000000000.0,"raw":{"x":1},"list":[null,true,false,[],{}]}"#)
        var out = "prefix:"
        JSONText.writeString("a\u{2028}", into: &out)
        value.write(into: &out)
        #expect(out.hasPrefix(#"prefix:"a\u2028"{"s":"#))
    }
}
