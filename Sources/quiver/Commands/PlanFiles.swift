import ArgumentParser
import HTTPAPI
import Tools

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reading plan files and building the plan service for the CLI.
enum PlanFiles {
    static func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            FileHandleOutput.stderr("quiver: cannot read \(path)\n")
            throw ExitCode(1)
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func service(_ config: Configuration) async throws -> (PlanService, CatalogToolExecutor) {
        do {
            return try await ToolsSetup.makeService(config: config)
        } catch {
            FileHandleOutput.stderr("quiver: \(error)\n")
            throw ExitCode(2)
        }
    }
}
