/// The text of one tool as the ranker sees it. The catalog maps its tool definitions to this,
/// so that Ranking does not depend on the catalog format.
public struct RankingDocument: Sendable, Hashable, Codable {
    /// One parameter of the tool: its name and description.
    public struct Parameter: Sendable, Hashable, Codable {
        public var name: String
        public var description: String

        public init(name: String, description: String = "") {
            self.name = name
            self.description = description
        }
    }

    /// The tool's unique name, returned in results.
    public var name: String
    public var description: String
    public var parameters: [Parameter]
    public var tags: [String]

    public init(name: String, description: String, parameters: [Parameter] = [], tags: [String] = []) {
        self.name = name
        self.description = description
        self.parameters = parameters
        self.tags = tags
    }

    /// The text given to an embedder: the name split into words, then the description.
    /// Parameters and tags are left out: they add noise to a sentence embedding more often than meaning.
    public var embeddingText: String {
        let words = Tokenizer.splitWords(name).joined(separator: " ")
        if description.isEmpty { return words }
        return words + ": " + description
    }
}
