internal import CSQLite

/// One SQLite connection. Owns the `sqlite3*` handle and closes it in `deinit`.
///
/// Not thread-safe on its own: each user keeps it behind a lock or inside one task.
/// Every SQLite return code is checked and turned into a ``SQLiteError``.
public final class Database {
    let handle: OpaquePointer
    /// The file this connection opened.
    public let path: String
    private var statementCache: [String: Statement] = [:]
    private var keyedStatements: [Int: Statement] = [:]
    /// Frames in the WAL after this connection's last commit (set by the hook of ``takeOverCheckpoints()``).
    private let walFrameCount = UnsafeMutablePointer<Int32>.allocate(capacity: 1)

    /// Opens (and creates, unless `readOnly`) the database at `path`.
    /// - Parameters:
    ///   - busyTimeoutMilliseconds: how long a statement waits for another connection's lock before `SQLITE_BUSY`.
    public init(path: String, readOnly: Bool = false, busyTimeoutMilliseconds: Int32 = 5_000) throws {
        _ = Self.processConfiguration
        var db: OpaquePointer?
        let flags = (readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)) | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard let db else {
            throw SQLiteError(code: rc, message: "cannot open database at \(path) (out of memory)")
        }
        guard rc == SQLITE_OK else {
            let message = String(cString: sqlite3_errmsg(db))
            sqlite3_close_v2(db)
            throw SQLiteError(code: rc, message: "cannot open database at \(path): \(message)")
        }
        self.handle = db
        self.path = path
        walFrameCount.initialize(to: 0)
        sqlite3_extended_result_codes(db, 1)
        try check(sqlite3_busy_timeout(db, busyTimeoutMilliseconds), sql: nil)
    }

    /// Process-wide settings, applied once before the first connection opens (SQLite refuses them later).
    /// Memory statistics off: Quiver never reads `sqlite3_memory_used`, and keeping them costs a global mutex
    /// per allocation (12% of the analytics writer's CPU in a profile).
    static let processConfiguration: Int32 = quiver_sqlite3_disable_memstatus()

    deinit {
        statementCache.removeAll()
        keyedStatements.removeAll()
        sqlite3_close_v2(handle)
        walFrameCount.deallocate()
    }

    /// Turns off SQLite's automatic checkpoints on this connection (they ran inside a commit, on the committing
    /// thread) and records the WAL's length after each commit in ``walFrames`` instead: the owner checkpoints.
    public func takeOverCheckpoints() {
        sqlite3_wal_hook(
            handle,
            { context, _, _, frames in
                context?.assumingMemoryBound(to: Int32.self).pointee = frames
                return SQLITE_OK
            }, UnsafeMutableRawPointer(walFrameCount))
    }

    /// Frames in the WAL after this connection's last commit, once ``takeOverCheckpoints()`` was called (else 0).
    public var walFrames: Int { Int(walFrameCount.pointee) }

    /// Runs one or more SQL statements that take no parameters (schema, pragmas without results).
    public func execute(_ sql: String) throws {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        if rc != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(errorMessage)
            throw SQLiteError(code: rc, message: message, sql: sql)
        }
    }

    /// Prepares a new statement; the caller owns it.
    public func prepare(_ sql: String) throws -> Statement {
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &stmt, nil)
        try check(rc, sql: sql)
        guard let stmt else {
            throw SQLiteError(code: SQLITE_MISUSE, message: "empty SQL statement", sql: sql)
        }
        return Statement(handle: stmt, database: handle, sql: sql)
    }

    /// A prepared statement kept for the life of the connection (for statements run many times).
    public func cached(_ sql: String) throws -> Statement {
        if let stmt = statementCache[sql] { return stmt }
        let stmt = try prepare(sql)
        statementCache[sql] = stmt
        return stmt
    }

    /// A prepared statement kept for the life of the connection under a caller's integer `key`, for statements
    /// run so often that hashing their SQL text shows (the writer's inserts); `sql` is called once per key.
    public func cached(key: Int, sql: () -> String) throws -> Statement {
        if let stmt = keyedStatements[key] { return stmt }
        let stmt = try prepare(sql())
        keyedStatements[key] = stmt
        return stmt
    }

    /// Runs a statement that returns no rows (or whose rows are ignored).
    public func run(_ sql: String, _ arguments: [SQLValue] = []) throws {
        try cached(sql).execute(arguments)
    }

    /// Runs a query and returns every row.
    public func query(_ sql: String, _ arguments: [SQLValue] = []) throws -> [[SQLValue]] {
        let stmt = try cached(sql)
        defer { stmt.reset() }
        try stmt.bind(arguments)
        var rows: [[SQLValue]] = []
        while try stmt.step() {
            rows.append(stmt.row())
        }
        return rows
    }

    /// The first column of the first row, or `.null` when there is no row.
    public func scalar(_ sql: String, _ arguments: [SQLValue] = []) throws -> SQLValue {
        let stmt = try cached(sql)
        defer { stmt.reset() }
        try stmt.bind(arguments)
        guard try stmt.step() else { return .null }
        return stmt.column(0)
    }

    /// Runs `body` in a `BEGIN IMMEDIATE` transaction; rolls back if it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try run("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try run("COMMIT")
            return result
        } catch {
            try? run("ROLLBACK")
            throw error
        }
    }

    /// Runs `body` inside a savepoint; on error only the savepoint's work is undone.
    public func savepoint<T>(_ name: String, _ body: () throws -> T) throws -> T {
        try run("SAVEPOINT \(name)")
        do {
            let result = try body()
            try run("RELEASE \(name)")
            return result
        } catch {
            try? run("ROLLBACK TO \(name)")
            try? run("RELEASE \(name)")
            throw error
        }
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE on this connection.
    public var changes: Int { Int(sqlite3_changes64(handle)) }

    func check(_ rc: Int32, sql: String?) throws {
        guard rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE else {
            throw SQLiteError(code: rc, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
        }
    }
}
