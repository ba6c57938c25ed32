internal import CSQLite

extension Database {
    /// Copies this database into a new file at `path` with SQLite's online backup API.
    ///
    /// In WAL mode the copy reads one consistent snapshot while other connections keep writing.
    /// `pagesPerStep` < 0 copies everything in one step (never restarted by concurrent writers);
    /// a positive value copies in steps and sleeps `pauseMilliseconds` between them.
    public func backup(to path: String, pagesPerStep: Int32 = -1, pauseMilliseconds: Int32 = 5) throws {
        let destination = try Database(path: path)
        guard let backup = sqlite3_backup_init(destination.handle, "main", handle, "main") else {
            let code = sqlite3_extended_errcode(destination.handle)
            throw SQLiteError(code: code, message: "backup to \(path): \(String(cString: sqlite3_errmsg(destination.handle)))")
        }
        var rc: Int32 = SQLITE_OK
        repeat {
            rc = sqlite3_backup_step(backup, pagesPerStep)
            if rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED {
                sqlite3_sleep(pauseMilliseconds)
            }
        } while rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED
        let finish = sqlite3_backup_finish(backup)
        guard rc == SQLITE_DONE else {
            throw SQLiteError(code: rc, message: "backup to \(path) failed: \(String(cString: sqlite3_errstr(rc)))")
        }
        guard finish == SQLITE_OK else {
            throw SQLiteError(code: finish, message: "backup to \(path): \(String(cString: sqlite3_errmsg(destination.handle)))")
        }
    }
}
