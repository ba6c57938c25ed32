/// Writes compact JSON into an output, putting the commas and colons between values.
///
/// ```swift
/// var writer = JSONWriter(output: "")
/// writer.beginObject(); writer.key("a"); writer.integer(1); writer.endObject()
/// writer.output  // {"a":1}
/// ```
/// The writer does not check that containers are balanced or that keys and values alternate: the value
/// models that drive it are trees, which keeps it free of bookkeeping on the hot paths (analytics rows,
/// log lines, HTTP bodies). One flag tracks whether the next item needs a comma before it.
public struct JSONWriter<Output: JSONOutput> {
    public var output: Output
    public var stringOptions: JSONString.Options
    @usableFromInline var needsComma = false

    @inlinable
    public init(output: Output, stringOptions: JSONString.Options = .standard) {
        self.output = output
        self.stringOptions = stringOptions
    }

    @inlinable
    mutating func separate() {
        if needsComma { output.appendASCII(UInt8(ascii: ",")) }
        needsComma = true
    }

    @inlinable public mutating func null() { separate(); output.appendText("null") }
    @inlinable public mutating func bool(_ value: Bool) { separate(); output.appendText(value ? "true" : "false") }

    @inlinable
    public mutating func integer<Integer: BinaryInteger>(_ value: Integer) {
        separate()
        JSONNumberText.append(integer: value, to: &output)
    }

    /// A double in `style`; NaN and infinities are written as `nonFinite` (JSON has no such numbers).
    @inlinable
    public mutating func double(_ value: Double, style: JSONNumberText.Style = .shortest, nonFinite: String = "null") {
        separate()
        if !JSONNumberText.append(value, style: style, to: &output) { output.appendText(nonFinite) }
    }

    @inlinable
    public mutating func string(_ value: String) {
        separate()
        JSONString.append(value, to: &output, options: stringOptions)
    }

    /// JSON text already serialised (it must be one valid JSON value), written as is.
    @inlinable
    public mutating func raw(_ json: String) {
        separate()
        output.appendText(json)
    }

    @inlinable
    public mutating func beginArray() {
        separate()
        output.appendASCII(UInt8(ascii: "["))
        needsComma = false
    }

    @inlinable
    public mutating func endArray() {
        output.appendASCII(UInt8(ascii: "]"))
        needsComma = true
    }

    @inlinable
    public mutating func beginObject() {
        separate()
        output.appendASCII(UInt8(ascii: "{"))
        needsComma = false
    }

    @inlinable
    public mutating func endObject() {
        output.appendASCII(UInt8(ascii: "}"))
        needsComma = true
    }

    /// An object member's key and colon; the member's value follows.
    @inlinable
    public mutating func key(_ name: String) {
        separate()
        JSONString.append(name, to: &output, options: stringOptions)
        output.appendASCII(UInt8(ascii: ":"))
        needsComma = false
    }
}

extension JSONWriter {
    /// Runs `body` with a writer that appends to `out` in place (no copy of the buffer).
    @inlinable
    public static func appending(
        to out: inout Output, stringOptions: JSONString.Options = .standard, _ body: (inout JSONWriter<Output>) -> Void
    ) {
        var writer = JSONWriter(output: Output(), stringOptions: stringOptions)
        swap(&writer.output, &out)
        body(&writer)
        swap(&writer.output, &out)
    }
}
