/// The parameters of `GET /v1/runs?limit=&status=&since=&cursor=`.
public struct RunListQuery: Sendable, Equatable {
    /// Runs per page: 1 ... `AnalyticsSettings.maxPageSize`.
    public var limit: Int
    /// Only runs with this status (`ok`, `error`...).
    public var status: String?
    /// Only runs started at or after this time (unix milliseconds UTC).
    public var since: Int64?
    /// The `next_cursor` of the previous page.
    public var cursor: String?

    public init(limit: Int = 50, status: String? = nil, since: Int64? = nil, cursor: String? = nil) {
        self.limit = limit
        self.status = status
        self.since = since
        self.cursor = cursor
    }
}

/// One page of runs, newest first, and the cursor for the next page (nil on the last page).
public struct RunPage: Sendable, Equatable, Codable {
    public var runs: [RunRecord]
    public var nextCursor: String?

    public init(runs: [RunRecord], nextCursor: String?) {
        self.runs = runs
        self.nextCursor = nextCursor
    }

    enum CodingKeys: String, CodingKey {
        case runs
        case nextCursor = "next_cursor"
    }
}
