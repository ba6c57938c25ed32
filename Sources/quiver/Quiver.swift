import ArgumentParser

/// The `quiver` command. To add a subcommand, write `Commands/<Name>Command.swift` with an
/// `AsyncParsableCommand` and list it in `subcommands` below.
@main
struct Quiver: AsyncParsableCommand {
    static let version = QuiverVersion.current

    static let configuration = CommandConfiguration(
        commandName: "quiver",
        abstract: "Quiver answers natural-language queries by planning and running tool calls.",
        version: version,
        subcommands: [
            ServeCommand.self, ConfigCommand.self, SearchCommand.self, CatalogCommand.self, EmbedCommand.self,
            CheckCommand.self, EvalCommand.self, RunCommand.self, QueryCommand.self, AnalyticsCommand.self,
        ],
        defaultSubcommand: nil
    )
}

enum QuiverVersion {
    static let current = "0.1.0"
}
