import Sandbox

/// Sandbox's JSON in this file only.
enum SandboxJSON {
    typealias Value = Sandbox.Value
    static func parse(_ text: String) throws -> Sandbox.Value { try JSONValue.parse(text, numbers: .integralAsInt) }
    static func serialize(_ value: Sandbox.Value) -> String { JSONValue.serialize(value) }
}
