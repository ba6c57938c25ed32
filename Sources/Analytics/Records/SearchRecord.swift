/// One tool search (ranking) within a run.
public struct SearchRecord: Sendable, Equatable, Codable {
    /// A ranked tool and its fused score.
    public struct Hit: Sendable, Equatable, Codable {
        public var tool: String
        public var score: Double
        public init(tool: String, score: Double) {
            self.tool = tool
            self.score = score
        }
    }

    /// The search text; not stored when `storeQueryText` is off.
    public var queryText: String?
    public var k: Int
    public var results: [Hit]
    public var startedAt: Int64
    public var durationMilliseconds: Double

    public init(queryText: String?, k: Int, results: [Hit], startedAt: Int64, durationMilliseconds: Double) {
        self.queryText = queryText
        self.k = k
        self.results = results
        self.startedAt = startedAt
        self.durationMilliseconds = durationMilliseconds
    }

    enum CodingKeys: String, CodingKey {
        case k, results
        case queryText = "query_text", startedAt = "started_at", durationMilliseconds = "duration_ms"
    }
}
