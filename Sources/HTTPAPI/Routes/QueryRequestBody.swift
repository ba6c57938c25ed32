import HTTPTypes
import Orchestrator
import Sandbox

/// The body of `POST /v1/query`.
struct QueryRequestBody: Decodable {
    struct LimitsBody: Decodable {
        var max_tool_calls: Int?
        var max_concurrent_calls: Int?
        var call_timeout_ms: Int?
        var deadline_ms: Int?
        var max_cost: Int?
    }

    var query: String
    var context: AnyJSON?
    var tools: [String]?
    var k: Int?
    var limits: LimitsBody?
    var answer: Bool?
    var idempotency_key: String?

    func request(runID: String? = nil) throws -> QueryRequest {
        var limits: Limits?
        if let body = self.limits {
            var l = Limits()
            func take(_ value: Int?, _ name: String, into field: inout Int) throws {
                guard let value else { return }
                guard value >= 1 else { throw APIError.invalidRequest("limits.\(name) must be at least 1, got \(value)", path: "$.limits.\(name)") }
                field = value
            }
            try take(body.max_tool_calls, "max_tool_calls", into: &l.maxToolCalls)
            try take(body.max_concurrent_calls, "max_concurrent_calls", into: &l.maxConcurrentCalls)
            try take(body.call_timeout_ms, "call_timeout_ms", into: &l.callTimeoutMilliseconds)
            try take(body.deadline_ms, "deadline_ms", into: &l.deadlineMilliseconds)
            try take(body.max_cost, "max_cost", into: &l.maxCost)
            limits = l
        }
        if let context, !context.isObjectOrNull {
            throw APIError.invalidRequest("context must be a JSON object", path: "$.context")
        }
        if let key = idempotency_key, key.isEmpty || key.utf8.count > 256 {
            throw APIError.invalidRequest("idempotency_key must be 1 to 256 bytes", path: "$.idempotency_key")
        }
        return QueryRequest(query: query, contextJSON: context?.text, tools: tools, k: k, limits: limits, answer: answer, runID: runID)
    }

    /// What identifies the request for idempotency: every field but the key.
    var fingerprint: String {
        let l = limits
        return [query, context?.text ?? "", (tools ?? []).joined(separator: ","), k.map(String.init) ?? "", answer.map { "\($0)" } ?? "",
                "\(l?.max_tool_calls ?? 0),\(l?.max_concurrent_calls ?? 0),\(l?.call_timeout_ms ?? 0),\(l?.deadline_ms ?? 0),\(l?.max_cost ?? 0)"]
            .joined(separator: "\u{1}")
    }
}

/// Any JSON value, kept as compact JSON text (object keys sorted).
struct AnyJSON: Decodable {
    let text: String
    let isObjectOrNull: Bool

    init(from decoder: any Decoder) throws {
        let value = try AnyJSON.decode(decoder, depth: 0)
        text = value.serialized
        if case .object = value { isObjectOrNull = true } else if case .null = value { isObjectOrNull = true } else { isObjectOrNull = false }
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    private static func decode(_ decoder: any Decoder, depth: Int) throws -> JSONText {
        guard depth < 64 else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "nested deeper than 64"))
        }
        if let object = try? decoder.container(keyedBy: Key.self) {
            var fields: [(String, JSONText)] = []
            for key in object.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) {
                fields.append((key.stringValue, try decode(try object.superDecoder(forKey: key), depth: depth + 1)))
            }
            return .object(fields)
        }
        if var array = try? decoder.unkeyedContainer() {
            var items: [JSONText] = []
            while !array.isAtEnd { items.append(try decode(try array.superDecoder(), depth: depth + 1)) }
            return .array(items)
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() { return .null }
        if let b = try? single.decode(Bool.self) { return .bool(b) }
        if let i = try? single.decode(Int.self) { return .int(i) }
        if let d = try? single.decode(Double.self) { return .raw(d.isFinite ? "\(d)" : "null") }
        return .string(try single.decode(String.self))
    }
}
