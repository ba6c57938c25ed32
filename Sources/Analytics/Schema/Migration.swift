/// One forward-only schema step. Versions start at 1 and increase by one.
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    public let sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// Every migration Quiver knows, in order. Never edit a released one: add a new one.
    public static let all: [Migration] = [.v1Tables, .v2Rollups, .v3RequestID, .v4LeanIndexes]
}
