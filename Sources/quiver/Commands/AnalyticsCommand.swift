import Analytics
import ArgumentParser

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `quiver analytics backup|check|retention`: maintenance of `<data_dir>/analytics.db`, safe while
/// `quiver serve` is running (WAL mode; the backup reads one consistent snapshot).
struct AnalyticsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analytics",
        abstract: "Back up, check or prune the analytics database (safe while the service runs).",
        subcommands: [Backup.self, Check.self, Retention.self]
    )

    /// `--database PATH` or the configured `<data_dir>/analytics.db`.
    static func databasePath(_ explicit: String?, _ options: ConfigOptions) throws -> String {
        if let explicit { return explicit }
        return AnalyticsSettings(configuration: try options.load()).path
    }

    static func requireFile(_ path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            FileHandleOutput.stderr("quiver: no analytics database at \(path) (set --data-dir or --database)\n")
            throw ExitCode(1)
        }
    }

    struct Backup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy the live database to PATH with SQLite's online backup API, then check the copy.",
            discussion: "PATH must not exist. The service may keep writing: the copy is one consistent snapshot.")

        @Argument(help: "Where to write the copy.")
        var path: String

        @Option(help: "The database to copy (default: <data_dir>/analytics.db).")
        var database: String?

        @OptionGroup var options: ConfigOptions

        func run() async throws {
            let source = try AnalyticsCommand.databasePath(database, options)
            try AnalyticsCommand.requireFile(source)
            guard !FileManager.default.fileExists(atPath: path) else {
                FileHandleOutput.stderr("quiver: \(path) exists; choose a new file (a backup never overwrites)\n")
                throw ExitCode(1)
            }
            do {
                try AnalyticsStore.backup(databaseAt: source, to: path)
                let report = try AnalyticsStore.integrityCheck(path: path)
                guard report.isOK else {
                    FileHandleOutput.stderr("quiver: the backup at \(path) fails integrity_check: \(report.messages.prefix(5).joined(separator: "; "))\n")
                    throw ExitCode(1)
                }
            } catch let error as AnalyticsError {
                FileHandleOutput.stderr("quiver: \(error)\n")
                throw ExitCode(1)
            }
            print("backed up \(source) to \(path) (integrity_check ok)")
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run PRAGMA integrity_check; exit 1 unless it answers ok.")

        @Option(help: "The database to check (default: <data_dir>/analytics.db).")
        var database: String?

        @OptionGroup var options: ConfigOptions

        func run() async throws {
            let path = try AnalyticsCommand.databasePath(database, options)
            try AnalyticsCommand.requireFile(path)
            let report: IntegrityReport
            do {
                report = try AnalyticsStore.integrityCheck(path: path)
            } catch {
                FileHandleOutput.stderr("quiver: \(error)\n")
                throw ExitCode(1)
            }
            for line in report.messages { print(line) }
            if !report.isOK {
                FileHandleOutput.stderr("quiver: \(path) fails integrity_check (\(report.messages.count) problems)\n")
                throw ExitCode(1)
            }
        }
    }

    struct Retention: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete runs older than --days (default analytics.retention_days) now, then vacuum incrementally.")

        @Option(help: "Delete runs started more than this many days ago.")
        var days: Int?

        @OptionGroup var options: ConfigOptions

        func run() async throws {
            let settings = AnalyticsSettings(configuration: try options.load())
            try AnalyticsCommand.requireFile(settings.path)
            let days = days ?? settings.retentionDays
            guard days >= 1 else {
                FileHandleOutput.stderr("quiver: --days must be at least 1 (retention_days 0 keeps everything), got \(days)\n")
                throw ExitCode(2)
            }
            do {
                let store = try AnalyticsStore(settings: settings)
                let deleted = try store.applyRetention(days: days)
                print("deleted \(deleted) runs older than \(days) days from \(settings.path)")
            } catch {
                FileHandleOutput.stderr("quiver: \(error)\n")
                throw ExitCode(1)
            }
        }
    }
}
