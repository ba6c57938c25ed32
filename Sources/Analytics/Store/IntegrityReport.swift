/// The result of `PRAGMA integrity_check`: `ok`, or the problems SQLite found.
public struct IntegrityReport: Sendable, Equatable {
    /// SQLite's lines: exactly `["ok"]` when the database is sound.
    public let messages: [String]

    public var isOK: Bool { messages == ["ok"] }
}
