import ArgumentParser
import SentenceEncoder

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `quiver embed [--model DIR] TEXT...`: one JSON array of floats (an L2-normalised vector) per
/// text, one per line, with the in-process sentence encoder. Without texts, reads standard input, one
/// text per line.
struct EmbedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Print the sentence embedding of each text, one JSON array per line.",
        discussion: "Without TEXT arguments, embeds each line of standard input."
    )

    @Option(help: "Model directory (default: model_dir, else <data_dir>/models/all-MiniLM-L6-v2, from --config, QUIVER_ variables or config/quiver.json).")
    var model: String?

    @Option(help: "Configuration file (default: $QUIVER_CONFIG, else config/quiver.json when present).")
    var config: String?

    @Option(help: "Texts per call to the encoder when reading standard input.")
    var batchSize: Int = 256

    @Argument(help: "Texts to embed.")
    var texts: [String] = []

    func validate() throws {
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1, got \(batchSize)") }
    }

    func run() async throws {
        // Texts take the positional arguments, so configuration comes from the file and environment only.
        let directory = try model ?? ConfigOptions.parse(config.map { ["--config", $0] } ?? []).load().modelDirectory
        let encoder: SentenceEncoder
        do {
            encoder = try SentenceEncoder.load(directory: directory)
        } catch {
            FileHandleOutput.stderr("quiver: \(error.description)\ninstall the model with `bash scripts/install-model \(directory)`\n")
            throw ExitCode(1)
        }
        if !texts.isEmpty {
            try await emit(texts, encoder: encoder)
            return
        }
        var batch: [String] = []
        while let line = readLine(strippingNewline: true) {
            batch.append(line)
            if batch.count >= batchSize {
                try await emit(batch, encoder: encoder)
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { try await emit(batch, encoder: encoder) }
    }

    private func emit(_ texts: [String], encoder: SentenceEncoder) async throws {
        let vectors: [[Float]]
        do {
            vectors = try await encoder.embed(texts)
        } catch {
            FileHandleOutput.stderr("quiver: \(error)\n")
            throw ExitCode(1)
        }
        var out = ""
        for vector in vectors {
            out += "["
            for (i, value) in vector.enumerated() {
                if i > 0 { out += "," }
                out += value.isFinite ? "\(value)" : "0"
            }
            out += "]\n"
        }
        print(out, terminator: "")
    }
}
