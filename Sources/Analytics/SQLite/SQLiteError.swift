/// A failed SQLite call: the result code, SQLite's message and the SQL being run.
///
/// Bound values are never part of the error (they may hold user text); see STYLE.md habit 8.
public struct SQLiteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The SQLite result code (primary or extended), e.g. 5 for `SQLITE_BUSY`.
    public let code: Int32
    /// SQLite's own message (`sqlite3_errmsg`) or a description of what was checked.
    public let message: String
    /// The SQL statement, when the failure belongs to one.
    public let sql: String?

    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    public var description: String {
        if let sql { return "SQLite error \(code): \(message) (SQL: \(sql))" }
        return "SQLite error \(code): \(message)"
    }
}
