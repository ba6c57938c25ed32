import ArgumentParser
import Catalog

/// `quiver catalog check [DIR]`: validates a catalog directory.
struct CatalogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Work with the tool catalog.",
        subcommands: [CatalogCheckCommand.self]
    )
}

/// Exit 0 and a one-line summary when the catalog is valid; exit 1 with every problem, one a line
/// (`FILE: $.path: message`, or `FILE:LINE:COLUMN: message` for JSON syntax errors), otherwise.
struct CatalogCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a catalog directory and print every problem with its file and JSON path.",
        discussion: ConfigOptions.flagHelp
    )

    @Argument(help: "The catalog directory (default: the catalog key, `catalog`).")
    var directory: String?

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let path: String
        if let directory {
            path = directory
        } else {
            path = try options.load()[ConfigKeys.catalog]
        }
        do {
            let catalog = try Catalog.load(directory: path)
            let count = catalog.count
            print("\(path): \(count) tool\(count == 1 ? "" : "s"), no problems (content hash \(catalog.contentHash))")
        } catch {
            for issue in error.issues { print(issue.description) }
            let count = error.issues.count
            FileHandleOutput.stderr("\(path): \(count) problem\(count == 1 ? "" : "s")\n")
            throw ExitCode(1)
        }
    }
}
