/// An error from the analytics store or writer: a code plus a message naming what failed.
public struct AnalyticsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure this is. New codes may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String, Sendable {
            case sqlite, schemaTooNew, migrationGap, invalidCursor, limitExceeded, invalidArgument, closed, encoding
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        public static let sqlite = Code(.sqlite)
        public static let schemaTooNew = Code(.schemaTooNew)
        public static let migrationGap = Code(.migrationGap)
        public static let invalidCursor = Code(.invalidCursor)
        public static let limitExceeded = Code(.limitExceeded)
        public static let invalidArgument = Code(.invalidArgument)
        public static let closed = Code(.closed)
        public static let encoding = Code(.encoding)

        public var description: String { value.rawValue }
    }

    public let code: Code
    public let message: String
    /// The SQLite error underneath, for `.sqlite`.
    public let sqlite: SQLiteError?

    init(_ code: Code, _ message: String, sqlite: SQLiteError? = nil) {
        self.code = code
        self.message = message
        self.sqlite = sqlite
    }

    public var description: String { "analytics \(code): \(message)" }

    static func wrap(_ error: any Error, _ context: String) -> AnalyticsError {
        if let error = error as? AnalyticsError { return error }
        if let error = error as? SQLiteError { return AnalyticsError(.sqlite, "\(context): \(error)", sqlite: error) }
        return AnalyticsError(.sqlite, "\(context): \(error)")
    }

    static func schemaTooNew(found: Int, supported: Int, path: String) -> AnalyticsError {
        AnalyticsError(.schemaTooNew, "\(path) has schema version \(found); this build supports up to \(supported) (no downgrades)")
    }

    static func migrationGap(from: Int, to: Int) -> AnalyticsError {
        AnalyticsError(.migrationGap, "no migration from schema version \(from) to \(from + 1) (next known is \(to))")
    }

    static func limitExceeded(_ name: String, limit: Int, amount: Int) -> AnalyticsError {
        AnalyticsError(.limitExceeded, "\(name) is \(amount), the limit is \(limit)")
    }
}
