import ArgumentParser

/// `quiver config`: prints the effective configuration (secrets redacted) with each value's source.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Print the effective configuration, secrets redacted.",
        discussion: ConfigOptions.flagHelp
    )

    @Flag(help: "Print as JSON in the config file's shape.")
    var json = false

    @Flag(help: "Print the README's table of configuration keys.")
    var markdown = false

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        if markdown {
            print(Configuration.markdownTable())
            return
        }
        let configuration = try options.load()
        print(json ? configuration.renderJSON() : configuration.renderText())
    }
}
