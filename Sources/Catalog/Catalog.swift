import Synchronization

/// A loaded, validated tool catalog. Build one with `Catalog.load(directory:options:)` or `Catalog.load(sources:options:)`.
public struct Catalog: Sendable {
    /// Tools in load order (files by name, then order within each file).
    public let tools: [ToolDefinition]
    private let index: [String: Int]
    private let hashCache = HashCache()

    /// SHA-256 (hex) over the canonical JSON of every definition, sorted by tool name: unchanged by
    /// file order, file names, whitespace or key order; changed by any change of meaning. Key caches on it.
    /// Computed on first use (about 10 µs per tool), then kept.
    public var contentHash: String {
        hashCache.value { Catalog.hash(tools) }
    }

    /// A catalog of `tools` (checked by the loader; this initialiser only indexes them, a later duplicate name wins).
    public init(tools: [ToolDefinition]) {
        self.tools = tools
        var index: [String: Int] = [:]
        for (i, tool) in tools.enumerated() { index[tool.name] = i }
        self.index = index
    }

    public var count: Int { tools.count }

    /// The tool called `name`.
    public subscript(name: String) -> ToolDefinition? {
        index[name].map { tools[$0] }
    }

    public var names: [String] { tools.map(\.name) }

    static func hash(_ tools: [ToolDefinition]) -> String {
        var sha = SHA256()
        sha.update(Array("quiver-catalog-v1\n".utf8))
        var buffer: [UInt8] = []
        for position in tools.indices.sorted(by: { tools[$0].name < tools[$1].name }) {
            let tool = tools[position]
            buffer.removeAll(keepingCapacity: true)
            if tool.source.isNull {
                buffer.append(contentsOf: "\(tool.name) \(tool.description)".utf8)
            } else {
                tool.source.write(to: &buffer, sortedKeys: true)
            }
            buffer.append(UInt8(ascii: "\n"))
            sha.update(buffer)
        }
        return SHA256.hexString(sha.finalize())
    }
}

/// The content hash, computed once on first use (thread-safe).
private final class HashCache: Sendable {
    private let storage = Mutex<String?>(nil)

    func value(_ compute: () -> String) -> String {
        storage.withLock { cached in
            if let cached { return cached }
            let computed = compute()
            cached = computed
            return computed
        }
    }
}
