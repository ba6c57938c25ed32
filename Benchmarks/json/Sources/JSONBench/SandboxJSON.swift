import Sandbox
#if canImport(SandboxJSON)
import SandboxJSON  // trees after the split; before it, JSONValue was in Sandbox
#endif

/// Sandbox's JSON in this file only.
enum SandboxCodec {
    typealias Value = Sandbox.Value
    static func parse(_ text: String) throws -> Sandbox.Value { try JSONValue.parse(text, numbers: .integralAsInt) }
    static func serialize(_ value: Sandbox.Value) -> String { JSONValue.serialize(value) }
}
