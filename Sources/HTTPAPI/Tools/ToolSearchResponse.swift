import Catalog
public import Ranking

/// The body of a `POST /v1/tools/search` answer (and of `quiver search --json`): results best first,
/// the mode that ran.
public struct ToolSearchResponse: Encodable, Sendable {
    public struct Hit: Encodable, Sendable {
        public var name: String
        public var score: Float
        public var bm25: Float
        /// Always present: null when the search used no embeddings.
        public var semantic: Float?
        public var description: String
        public var signature: String
        public var tags: [String]

        enum CodingKeys: String, CodingKey {
            case name, score, bm25, semantic, description, signature, tags
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(score, forKey: .score)
            try container.encode(bm25, forKey: .bm25)
            try container.encode(semantic, forKey: .semantic)
            try container.encode(description, forKey: .description)
            try container.encode(signature, forKey: .signature)
            try container.encode(tags, forKey: .tags)
        }
    }

    public var results: [Hit]
    public var mode: String
    public var whole_catalog: Bool
    public var k: Int
    public var tools: Int
    public var content_hash: String

    public init(response: SearchResponse, snapshot: ToolCatalogSnapshot, k: Int) {
        results = response.results.map { result in
            let tool = snapshot.catalog[result.name]
            return Hit(
                name: result.name, score: result.score, bm25: result.bm25, semantic: result.semantic,
                description: tool?.description ?? "", signature: tool?.signature ?? result.name, tags: tool?.tags ?? [])
        }
        mode = response.mode.rawValue
        whole_catalog = response.wholeCatalog
        self.k = k
        tools = snapshot.catalog.count
        content_hash = snapshot.catalog.contentHash
    }
}
