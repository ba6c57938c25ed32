/// Where and how a catalog's embeddings are cached on disk: one file per catalog and model, named
/// from the catalog name, a hash of the model id and the dimensions. Entries are addressed by a
/// hash of the embedded text, so a catalog change re-embeds only the texts that changed.
public struct EmbeddingCache: Sendable {
    /// What happened when the cache was consulted.
    public struct Report: Sendable, Equatable {
        public enum Status: String, Sendable, Equatable {
            /// The file held every text and was used as is (mapped, not copied).
            case loaded
            /// Some texts were new or changed; they were embedded and the file rewritten.
            case updated
            /// There was no usable file (none, or another model); all texts were embedded.
            case created
            /// The file failed its checks; it was reported, ignored and rewritten.
            case rebuilt
            /// No cache directory: embedded in memory only.
            case disabled
        }
        public var status: Status
        /// Texts whose vectors came from the file.
        public var reused: Int
        /// Texts sent to the embedder.
        public var embedded: Int
        /// Why a file was rejected (`rebuilt`), or a write failure (the index still works from memory).
        public var problem: String?
    }

    public let directory: String
    public let catalogName: String

    /// Texts per call to the embedder.
    public var batchSize: Int

    public init(directory: String, catalogName: String, batchSize: Int = 64) {
        self.directory = directory
        self.catalogName = catalogName
        self.batchSize = max(batchSize, 1)
    }

    /// The catalog name reduced to letters, digits, '-' and '_'.
    var fileStem: String {
        let safe = String(catalogName.unicodeScalars.map { c -> Character in
            c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "-" || c == "_" ? Character(c) : "_"
        })
        return safe.isEmpty ? "catalog" : safe
    }

    /// The file for `modelID` and `dimensions`.
    public func path(modelID: String, dimensions: Int) -> String {
        let model = String(Hash64.hash(modelID), radix: 16)
        return "\(directory)/\(fileStem).\(model).\(dimensions).qvec"
    }

    /// The file holding the catalog's built BM25 index (see `BM25Index.cached`).
    public var bm25Path: String { "\(directory)/\(fileStem).bm25" }
}
