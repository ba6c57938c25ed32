/// Brings a database to the newest schema at open, one transaction per migration.
///
/// `schema_version` holds one row per applied migration; the current version is the largest.
/// A database newer than this build is refused (forward-only: no downgrades).
struct Migrator {
    let migrations: [Migration]

    init(migrations: [Migration] = Migration.all) {
        self.migrations = migrations
    }

    static func currentVersion(_ db: Database) throws -> Int {
        try db.execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)"
        )
        let value = try db.scalar("SELECT MAX(version) FROM schema_version")
        return Int(value.int64 ?? 0)
    }

    /// Applies every migration above the current version, up to `target` (the newest by default).
    /// - Returns: the version after migrating.
    @discardableResult
    func migrate(_ db: Database, upTo target: Int? = nil, nowMilliseconds: Int64) throws -> Int {
        let latest = migrations.last?.version ?? 0
        let goal = target ?? latest
        var version = try Self.currentVersion(db)
        guard version <= latest else {
            throw AnalyticsError.schemaTooNew(found: version, supported: latest, path: db.path)
        }
        for migration in migrations where migration.version > version && migration.version <= goal {
            guard migration.version == version + 1 else {
                throw AnalyticsError.migrationGap(from: version, to: migration.version)
            }
            try db.transaction {
                try db.execute(migration.sql)
                try db.run(
                    "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                    [.integer(Int64(migration.version)), .text(migration.name), .integer(nowMilliseconds)])
            }
            version = migration.version
        }
        return version
    }
}
