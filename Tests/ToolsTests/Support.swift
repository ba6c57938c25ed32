import Catalog
import Foundation
import Testing
@testable import Tools

/// 2024-03-10T13:30:00Z, a Sunday.
let fixedNow = Date(timeIntervalSince1970: 1_710_077_400)

let tools = BuiltinTools(context: BuiltinContext(now: { fixedNow }))

func call(_ function: String, _ arguments: JSONValue) throws(ToolError) -> JSONValue {
    try tools.call(function, arguments: arguments)
}

/// The error a call throws, or nil when it succeeds.
func failure(_ function: String, _ arguments: JSONValue) -> ToolError? {
    do {
        _ = try tools.call(function, arguments: arguments)
        return nil
    } catch {
        return error
    }
}

let bundledCatalogDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("catalog").path
