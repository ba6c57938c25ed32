import JSONCore

extension JSONValue {
    /// JSON text for the value. `sortedKeys` orders object keys (canonical form for hashing);
    /// otherwise insertion order is kept. Non-finite numbers become `null`.
    public func serialized(sortedKeys: Bool = false) -> String {
        var out: [UInt8] = []
        write(to: &out, sortedKeys: sortedKeys)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the UTF-8 JSON text of the value to `out`.
    public func write(to out: inout [UInt8], sortedKeys: Bool = false) {
        JSONWriter.appending(to: &out) { writer in write(to: &writer, sortedKeys: sortedKeys) }
    }

    func write(to out: inout JSONWriter<[UInt8]>, sortedKeys: Bool) {
        switch self {
        case .null: out.null()
        case .bool(let b): out.bool(b)
        case .number(let n):
            if let int = n.int {
                out.integer(int)
            } else {
                out.raw(n.description)  // JSONNumber's own text: integral below 1e17 without a fraction, null when not finite
            }
        case .string(let s): out.string(s)
        case .array(let items):
            out.beginArray()
            for item in items { item.write(to: &out, sortedKeys: sortedKeys) }
            out.endArray()
        case .object(let object):
            out.beginObject()
            let entries = object.entries
            if sortedKeys {
                for position in entries.indices.sorted(by: { entries[$0].key < entries[$1].key }) {
                    out.key(entries[position].key)
                    entries[position].value.write(to: &out, sortedKeys: true)
                }
            } else {
                for entry in entries {
                    out.key(entry.key)
                    entry.value.write(to: &out, sortedKeys: false)
                }
            }
            out.endObject()
        }
    }
}

extension JSONValue: CustomStringConvertible {
    public var description: String { serialized() }
}
