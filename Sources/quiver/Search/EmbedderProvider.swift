import HTTPAPI
import Logging
import Ranking
import SentenceEncoder
import Synchronization

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Chooses the embedder of the tool index: the in-process sentence encoder when its model directory
/// holds a model, else the embeddings endpoint when one is configured, else none (BM25 alone). Never
/// fails: a model that does not load or an endpoint that does not answer is reported in the status
/// and the next choice is tried. A working embedder is kept for later reloads; a missing one is looked
/// for again at each reload (so installing the model and sending SIGHUP switches to hybrid search).
final class EmbedderProvider: Sendable {
    struct Endpoint: Sendable {
        var baseURL: String
        var model: String
        var apiKey: String?
    }

    struct Choice: Sendable {
        var embedder: (any Embedder)?
        var status: EmbedderStatus
    }

    let modelDirectory: String
    let endpoint: Endpoint?
    let encoderSettings: SentenceEncoderSettings
    private let kept = Mutex<Choice?>(nil)

    init(modelDirectory: String, endpoint: Endpoint?, encoderSettings: SentenceEncoderSettings = SentenceEncoderSettings()) {
        self.modelDirectory = modelDirectory
        self.endpoint = endpoint
        self.encoderSettings = encoderSettings
    }

    /// The command that installs the model where Quiver looks for it.
    var installHint: String { "bash scripts/install-model \(modelDirectory)" }

    /// The embedder to use now.
    func choose() async -> Choice {
        if let choice = kept.withLock({ $0 }) { return choice }
        var problems: [String] = []
        if FileManager.default.fileExists(atPath: modelDirectory + "/model.safetensors") {
            do {
                let encoder = try SentenceEncoder.load(directory: modelDirectory, settings: encoderSettings)
                return keep(
                    Choice(
                        embedder: encoder,
                        status: EmbedderStatus(
                            kind: .sentenceEncoder, modelID: encoder.modelID, note: "in-process \(encoder.modelID) from \(modelDirectory)")))
            } catch {
                problems.append("the model at \(modelDirectory) did not load (\(error.description))")
            }
        }
        if let endpoint {
            do {
                let embedder = try await EndpointEmbedder.connect(baseURL: endpoint.baseURL, model: endpoint.model, apiKey: endpoint.apiKey)
                return keep(
                    Choice(
                        embedder: embedder,
                        status: EmbedderStatus(
                            kind: .endpoint, modelID: embedder.modelID,
                            note: "embeddings endpoint \(endpoint.baseURL), model \(endpoint.model) (\(embedder.dimensions) dimensions)")))
            } catch {
                problems.append("the embeddings endpoint \(endpoint.baseURL) failed (\(error))")
            }
        }
        var note = "BM25 only: "
        note += problems.isEmpty ? "no embedding model at \(modelDirectory)" : problems.joined(separator: "; ")
        note += "; install the model with `\(installHint)`"
        if endpoint == nil { note += " or set embeddings.base_url" }
        note += ", then reload (SIGHUP or POST /v1/admin/reload)"
        return Choice(embedder: nil, status: EmbedderStatus(kind: .none, note: note))
    }

    /// Drops the kept embedder (it failed), so the next reload chooses again.
    func forget() {
        kept.withLock { $0 = nil }
    }

    private func keep(_ choice: Choice) -> Choice {
        kept.withLock { $0 = choice }
        return choice
    }
}
