/// What `JSONReader` builds values with: each module's value model conforms once, so the reading logic
/// (syntax, escapes, UTF-8 checks, positions, limits) exists in one place.
public protocol JSONBuilder {
    associatedtype Value
    /// An object under construction.
    associatedtype Object

    mutating func null() -> Value
    mutating func bool(_ value: Bool) -> Value
    mutating func string(_ value: String) -> Value
    /// A number; nil when the model cannot hold it (the reader reports "out of range" at its position).
    mutating func number(_ number: JSONNumberToken) -> Value?
    mutating func array(_ items: [Value]) -> Value

    mutating func beginObject() -> Object
    /// Adds a member; returns false when the key is already present and duplicates are an error
    /// (the reader then reports "duplicate key" at the key). Returning true keeps the model's own rule.
    mutating func add(key: String, value: Value, to object: inout Object) -> Bool
    mutating func object(_ object: Object) -> Value
}

/// A number as written in the JSON text, already checked against the grammar.
public struct JSONNumberToken: Sendable {
    /// The literal text, e.g. `-12`, `2.5e3`.
    public let text: Substring
    /// No fraction and no exponent.
    public let isInteger: Bool

    @inlinable
    public init(text: Substring, isInteger: Bool) {
        self.text = text
        self.isInteger = isInteger
    }

    /// The value as a double, nil when it overflows to infinity.
    @inlinable
    public var finiteDouble: Double? {
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// The value as an Int64 when it is an integer that fits.
    @inlinable
    public var int64: Int64? { isInteger ? Int64(text) : nil }

    /// The value as a UInt64 when it is a non-negative integer that fits.
    @inlinable
    public var uint64: UInt64? { isInteger ? UInt64(text) : nil }
}
