internal import CSQLite

/// A prepared statement. Owns the `sqlite3_stmt*` and finalizes it in `deinit`.
public final class Statement {
    let handle: OpaquePointer
    private let database: OpaquePointer
    /// The statement's SQL (never its bound values).
    public let sql: String

    init(handle: OpaquePointer, database: OpaquePointer, sql: String) {
        self.handle = handle
        self.database = database
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    /// Resets the statement and binds `values` to parameters 1...n.
    public func bind(_ values: [SQLValue]) throws {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard values.count == expected else {
            throw SQLiteError(
                code: SQLITE_RANGE, message: "statement takes \(expected) parameters, got \(values.count)", sql: sql)
        }
        for (offset, value) in values.enumerated() {
            try bind(value, at: Int32(truncatingIfNeeded: offset + 1))
        }
    }

    /// Binds `values`, runs the statement to its end (rows, if any, are ignored) and resets it.
    public func execute(_ values: [SQLValue]) throws {
        defer { reset() }
        try bind(values)
        while try step() {}
    }

    /// Binds one value to the 1-based parameter `index`.
    public func bind(_ value: SQLValue, at index: Int32) throws {
        switch value {
        case .null: try check(sqlite3_bind_null(handle, index))
        case .integer(let v): try check(sqlite3_bind_int64(handle, index, v))
        case .real(let v): try check(sqlite3_bind_double(handle, index, v))
        case .text(let v): try bindText(v, at: index)
        }
    }

    private func bindText(_ text: String, at index: Int32) throws {
        guard let length = Int32(exactly: text.utf8.count) else {
            throw SQLiteError(code: SQLITE_TOOBIG, message: "text of \(text.utf8.count) bytes is too long to bind", sql: sql)
        }
        try check(text.withCString { sqlite3_bind_text(handle, index, $0, length, quiver_sqlite_transient()) })
    }

    /// Binds one row's parameters in order, runs the statement to its end and resets it: the writer's
    /// inserts, without an array of ``SQLValue`` per row. Every parameter must be bound (checked), so
    /// no value of the previous row can be left behind.
    public func execute(_ bindValues: (inout Parameters) throws -> Void) throws {
        defer { sqlite3_reset(handle) }
        var parameters = Parameters(statement: self)
        try bindValues(&parameters)
        let expected = sqlite3_bind_parameter_count(handle)
        guard parameters.next - 1 == expected else {
            throw SQLiteError(
                code: SQLITE_RANGE, message: "statement takes \(expected) parameters, got \(parameters.next - 1)", sql: sql)
        }
        while try step() {}
    }

    /// The parameters of one ``execute(_:)``, bound left to right with ``Statement/bind(_:at:)``.
    public struct Parameters {
        let statement: Statement
        var next: Int32 = 1

        public mutating func add(_ value: SQLValue) throws {
            try statement.bind(value, at: next)
            next += 1
        }

        public mutating func integer(_ value: Int64) throws { try add(.integer(value)) }
        public mutating func integer(_ value: Int) throws { try add(.integer(Int64(value))) }
        public mutating func integer(_ value: Int64?) throws { try add(value.map(SQLValue.integer) ?? .null) }
        public mutating func real(_ value: Double) throws { try add(.real(value)) }
        public mutating func text(_ value: String) throws { try add(.text(value)) }
        public mutating func text(_ value: String?) throws { try add(value.map(SQLValue.text) ?? .null) }
        public mutating func null() throws { try add(.null) }
    }

    /// Advances; returns true when a row is available, false when the statement is done.
    public func step() throws -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            sqlite3_reset(handle)
            throw SQLiteError(code: rc, message: String(cString: sqlite3_errmsg(database)), sql: sql)
        }
    }

    /// Clears the statement for its next run (keeps it prepared).
    public func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    public var columnCount: Int32 { sqlite3_column_count(handle) }

    /// The name of a result column.
    public func columnName(_ index: Int32) -> String {
        guard let name = sqlite3_column_name(handle, index) else { return "" }
        return String(cString: name)
    }

    /// The current row's value in column `index` (0-based).
    public func column(_ index: Int32) -> SQLValue {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, index))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, index))
        case SQLITE_NULL: return .null
        default:
            let count = Int(sqlite3_column_bytes(handle, index))
            guard let bytes = sqlite3_column_text(handle, index), count > 0 else { return .text("") }
            return .text(String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self))
        }
    }

    /// The whole current row.
    public func row() -> [SQLValue] {
        (0..<columnCount).map { column($0) }
    }

    private func check(_ rc: Int32) throws {
        guard rc == SQLITE_OK else {
            throw SQLiteError(code: rc, message: String(cString: sqlite3_errmsg(database)), sql: sql)
        }
    }
}
