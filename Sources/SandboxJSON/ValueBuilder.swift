import JSONCore
import Sandbox

/// Builds plan-language values for `JSONReader`: objects become maps with string keys (a repeated key keeps
/// the last value), numbers become doubles, or ints (uint above Int64.max) with `.integralAsInt`.
struct ValueBuilder: JSONBuilder {
    let numbers: JSONValue.Numbers

    func null() -> Value { .null }
    func bool(_ value: Bool) -> Value { .bool(value) }
    func string(_ value: String) -> Value { .string(value) }

    func number(_ number: JSONNumberToken) -> Value? {
        if numbers == .integralAsInt && number.isInteger {
            if let v = number.int64 { return .int(v) }
            if let u = number.uint64 { return .uint(u) }
        }
        guard let d = Double(number.text) else { return nil }
        return .double(d)
    }

    func array(_ items: [Value]) -> Value { .list(items) }
    func beginObject() -> MapValue { MapValue() }

    func add(key: String, value: Value, to object: inout MapValue) -> Bool {
        object.insertOrReplace(key: .string(key), value: value)
        return true
    }

    func object(_ object: MapValue) -> Value { .map(object) }
}
