import ArgumentParser
import Testing

@testable import quiver

/// The pattern later subcommands follow: positional arguments plus `@OptionGroup var options: ConfigOptions`.
struct ExampleSearchCommand: ParsableCommand {
    @Argument var query: String
    @Option(name: .short) var k: Int = 10
    @OptionGroup var options: ConfigOptions
}

@Suite struct SubcommandPatternTests {
    @Test func positionalArgumentsAndConfigFlagsCoexist() throws {
        let command = try ExampleSearchCommand.parse(["weather in paris", "-k", "3", "--catalog", "/tmp/cat", "--config", "/tmp/q.json", "--port=9"])
        #expect(command.query == "weather in paris")
        #expect(command.k == 3)
        #expect(command.options.config == "/tmp/q.json")
        #expect(command.options.settings == ["--catalog", "/tmp/cat", "--port=9"])
        let config = try ConfigLoader().load(configPath: try emptyConfigFile(), environment: [:], flags: command.options.settings)
        #expect(config[ConfigKeys.catalog] == "/tmp/cat")
        #expect(config[ConfigKeys.port] == 9)
    }

    @Test func rootCommandListsServeAndConfig() {
        let names = Quiver.configuration.subcommands.map { $0.configuration.commandName }
        #expect(names.contains("serve"))
        #expect(names.contains("config"))
    }
}
