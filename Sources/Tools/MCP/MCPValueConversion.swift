public import Catalog
import MCP

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Catalog JSON ↔ the MCP SDK's `Value`.
enum MCPValueConversion {
    static func mcp(_ json: CatalogJSON) -> MCP.Value {
        switch json {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .number(let n):
            if let i = n.int, let exact = Int(exactly: i) { return .int(exact) }
            return .double(n.double)
        case .string(let s): return .string(s)
        case .array(let xs): return .array(xs.map(mcp))
        case .object(let o):
            var d: [String: MCP.Value] = [:]
            for (k, v) in o.entries { d[k] = mcp(v) }
            return .object(d)
        }
    }

    static func json(_ value: MCP.Value, depth: Int = 0) -> CatalogJSON {
        guard depth < 128 else { return .null }
        switch value {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .number(JSONNumber(i))
        case .double(let d): return d.isFinite ? .number(JSONNumber(d)) : .null
        case .string(let s): return .string(s)
        case .data(_, let data): return .string(data.base64EncodedString())
        case .array(let xs): return .array(xs.map { json($0, depth: depth + 1) })
        case .object(let d):
            // Sorted keys: MCP's objects are unordered, ours keep order, so make it deterministic.
            return .object(JSONObject(d.keys.sorted().map { ($0, json(d[$0] ?? .null, depth: depth + 1)) }))
        }
    }

    /// A tool result's content as JSON: one text item that is JSON becomes that JSON; other text
    /// items become a string (joined with newlines); images and resources become small objects.
    static func result(_ content: [Tool.Content]) -> CatalogJSON {
        var texts: [String] = []
        var others: [CatalogJSON] = []
        for item in content {
            switch item {
            case .text(let text, _, _): texts.append(text)
            case .image(_, let mimeType, _, _): others.append(["type": "image", "mime_type": .string(mimeType)])
            case .audio(_, let mimeType, _, _): others.append(["type": "audio", "mime_type": .string(mimeType)])
            case .resource(let resource, _, _): others.append(["type": "resource", "uri": .string(resource.uri)])
            case .resourceLink(let uri, let name, _, _, _, _): others.append(["type": "resource_link", "uri": .string(uri), "name": .string(name)])
            }
        }
        if others.isEmpty, texts.count == 1, let parsed = try? JSONParser.parse(texts[0]) { return parsed }
        if others.isEmpty { return .string(texts.joined(separator: "\n")) }
        return .array(texts.map { .string($0) } + others)
    }
}
