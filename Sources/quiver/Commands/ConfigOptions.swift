import ArgumentParser
import Logging
#if canImport(Glibc)
import Glibc
#endif

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The configuration options every command that reads configuration includes with
/// `@OptionGroup var options: ConfigOptions`: `--config PATH` and one flag per key of the key table
/// (`--port`, `--data-dir`, `--catalog`, ...), parsed by `FlagParser` so a new key needs no new option.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: "Configuration file (default: $QUIVER_CONFIG, else config/quiver.json when present).")
    var config: String?

    @Argument(parsing: .allUnrecognized, help: .hidden)
    var settings: [String] = []

    /// Loads the configuration or prints every error and exits with code 2.
    func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Configuration {
        do {
            return try ConfigLoader().load(configPath: config, environment: environment, flags: settings)
        } catch {
            FileHandleOutput.stderr("quiver: \(error.description)\n")
            throw ExitCode(2)
        }
    }

    /// Help text listing the derived flags, for `discussion:` of commands that include these options.
    static var flagHelp: String {
        var lines = ["Configuration flags (each also settable as a file key or QUIVER_ environment variable):"]
        for key in ConfigKeys.all {
            let value = key.typeDescription == Bool.typeDescription ? "" : " <value>"
            lines.append("  \(key.flag)\(value)\n        \(key.help) (default: \(key.defaultDisplay.isEmpty ? "unset" : key.defaultDisplay); env \(key.environmentVariable))")
        }
        return lines.joined(separator: "\n")
    }
}

enum FileHandleOutput {
    static func stderr(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(2, raw.baseAddress?.advanced(by: offset), raw.count - offset)
                if n <= 0 { break }
                offset += n
            }
        }
    }
}
