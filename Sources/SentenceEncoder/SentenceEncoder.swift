public import Ranking
import Synchronization

/// An in-process BERT sentence encoder (all-MiniLM-L6-v2 and other sentence-transformers BERT models with
/// mean pooling): loads a model directory, turns texts into L2-normalised vectors over BLAS.
///
/// ```swift
/// let encoder = try SentenceEncoder.load(directory: "data/models/all-MiniLM-L6-v2")
/// let vectors = try await encoder.embed(["get_weather", "Send an email"])
/// ```
public final class SentenceEncoder: Embedder, Sendable {
    /// `settings.modelName` + "@" + the first 12 hex digits of the XXH64 of `model.safetensors`.
    public let modelID: String
    /// Length of every vector (the model's hidden size: 384 for all-MiniLM-L6-v2).
    public let dimensions: Int
    /// Tokens per text, `[CLS]` and `[SEP]` included; longer texts are truncated.
    public let maxSequenceLength: Int
    /// The directory the model was loaded from.
    public let directory: String

    let settings: SentenceEncoderSettings
    let tokenizer: WordPieceTokenizer
    let model: BertModel
    private let workers: Int
    /// Shares a single query's work between the caller and one worker thread (nil: single-threaded).
    let team: QueryTeam?
    private let pool = Mutex<[Workspace]>([])

    /// The mapped word-embedding table, whose pages are released after each batch.
    private let lookupTable: LookupTable?
    /// Single texts encoded, for releasing the table's pages every 32nd.
    private let releaseCountdown = Atomic<Int>(0)

    init(
        directory: String, settings: SentenceEncoderSettings, tokenizer: WordPieceTokenizer, model: BertModel,
        hash: String, lookupTable: LookupTable?
    ) {
        self.lookupTable = lookupTable
        self.directory = directory
        self.settings = settings
        self.tokenizer = tokenizer
        self.model = model
        self.dimensions = model.config.hiddenSize
        self.maxSequenceLength = model.config.maxSequenceLength
        self.modelID = settings.modelName + "@" + String(hash.prefix(12))
        self.workers = settings.threads > 0 ? settings.threads : min(max(SystemInfo.processorCount, 1), 8)
        let queryThreads = settings.queryThreads > 0 ? settings.queryThreads : min(max(SystemInfo.processorCount, 1), 2)
        self.team = queryThreads > 1 ? QueryTeam(spinMicroseconds: settings.querySpinMicroseconds) : nil
    }

    /// Loads the model in `directory` (`config.json`, `model.safetensors`, `vocab.txt` or `tokenizer.json`,
    /// and the sentence-transformers configs when present). The weights are mapped, not copied.
    /// - Throws: `SentenceEncoderError` naming the missing or invalid file (and tensor).
    public static func load(
        directory: String, settings: SentenceEncoderSettings = SentenceEncoderSettings()
    ) throws(SentenceEncoderError) -> SentenceEncoder {
        guard settings.batchSize > 0, settings.maxTexts > 0, settings.maxTextBytes > 0, settings.threads >= 0 else {
            throw SentenceEncoderError(.limitExceeded, "batchSize, maxTexts and maxTextBytes must be positive, threads >= 0")
        }
        guard (0...2).contains(settings.queryThreads), (0...1_000_000).contains(settings.querySpinMicroseconds) else {
            throw SentenceEncoderError(
                .limitExceeded,
                "queryThreads = \(settings.queryThreads) must be 0, 1 or 2 and querySpinMicroseconds = \(settings.querySpinMicroseconds) within 0...1000000")
        }
        // Matrix sizes are passed to BLAS as 32-bit integers.
        guard settings.maxBatchTokens <= 1 << 20, settings.batchSize <= 1 << 16 else {
            throw SentenceEncoderError(
                .limitExceeded,
                "maxBatchTokens = \(settings.maxBatchTokens) (at most \(1 << 20)) or batchSize = \(settings.batchSize) (at most \(1 << 16)) is too large")
        }
        let config = try ModelConfiguration.load(directory: directory, settings: settings)
        guard settings.maxBatchTokens >= config.maxSequenceLength else {
            throw SentenceEncoderError(
                .limitExceeded,
                "maxBatchTokens = \(settings.maxBatchTokens) is below maxSequenceLength = \(config.maxSequenceLength)")
        }
        let tokenizer = try WordPieceTokenizer.load(directory: directory, options: config.tokenizer, settings: settings)
        guard tokenizer.vocabularySize <= config.vocabularySize else {
            throw SentenceEncoderError(
                .invalidVocabulary, file: FileAccess.join(directory, "vocab.txt"),
                "\(tokenizer.vocabularySize) tokens but config.json says vocab_size = \(config.vocabularySize)")
        }
        let weightsPath = FileAccess.join(directory, "model.safetensors")
        let file = try SafeTensors(path: weightsPath, maxHeaderBytes: settings.maxHeaderBytes)
        let weights = try BertWeights(file: file, config: config)
        var lookupTable: LookupTable?
        if let words = file.entries.values.first(where: { $0.name.hasSuffix("embeddings.word_embeddings.weight") }),
            words.dtype == "F32"
        {
            file.file.adviseRandomAccess(offset: words.offset, length: words.byteCount)
            lookupTable = LookupTable(file: file.file, offset: words.offset, length: words.byteCount)
        }
        let hash = try FileAccess.xxh64Hex(weightsPath)
        if let threads = settings.blasThreads { try SystemInfo.setBLASThreads(threads) }
        return SentenceEncoder(
            directory: directory, settings: settings, tokenizer: tokenizer,
            model: BertModel(config: config, weights: weights), hash: hash,
            lookupTable: settings.releaseEmbeddingPages ? lookupTable : nil)
    }

    /// The token ids the model sees for `text` (`[CLS]` … `[SEP]`, truncated).
    public func tokenize(_ text: String) -> [Int32] {
        tokenizer.encode(text, maxLength: maxSequenceLength)
    }

    /// Embeds `texts`, one L2-normalised vector of `dimensions` floats per text, in order. Texts are sorted by
    /// length and cut into batches of at most `batchSize` texts and `maxBatchTokens` tokens, which run in
    /// parallel on `threads` threads.
    /// - Throws: `SentenceEncoderError` with code `limitExceeded` past `maxTexts` texts or `maxTextBytes` bytes.
    public func embed(_ texts: [String]) async throws -> [[Float]] {
        let (sequences, chunks) = try prepare(texts)
        let h = dimensions
        let output = OutputBuffer(count: texts.count * h)
        defer { output.free() }
        let next = ChunkCounter()
        let workerCount = min(workers, chunks.count)
        if texts.count <= 1 {
            // One query: a few milliseconds, run here, its layers shared with the team's worker thread.
            if let team {
                team.with { run(chunks: chunks, sequences: sequences, next: next, output: output, team: $0) }
            } else {
                run(chunks: chunks, sequences: sequences, next: next, output: output)
            }
        } else {
            // Batches run on threads of their own, never on Swift's cooperative pool (see DedicatedThreads).
            await DedicatedThreads.run(count: max(1, workerCount)) {
                self.run(chunks: chunks, sequences: sequences, next: next, output: output)
            }
        }
        return (0..<texts.count).map { i in Array(UnsafeBufferPointer(start: output.pointer + i * h, count: h)) }
    }

    /// Tokenizes and groups the texts: longest first, at most `batchSize` texts and `maxBatchTokens` tokens
    /// per chunk.
    func prepare(_ texts: [String]) throws(SentenceEncoderError) -> ([[Int32]], [[Int]]) {
        guard texts.count <= settings.maxTexts else {
            throw SentenceEncoderError(.limitExceeded, "\(texts.count) texts exceed the limit maxTexts = \(settings.maxTexts)")
        }
        var sequences: [[Int32]] = []
        sequences.reserveCapacity(texts.count)
        for (i, text) in texts.enumerated() {
            guard text.utf8.count <= settings.maxTextBytes else {
                throw SentenceEncoderError(
                    .limitExceeded,
                    "text \(i) has \(text.utf8.count) bytes, over the limit maxTextBytes = \(settings.maxTextBytes)")
            }
            sequences.append(tokenize(text))
        }
        let order = sequences.indices.sorted { sequences[$0].count > sequences[$1].count }
        var chunks: [[Int]] = []
        var current: [Int] = []
        var tokens = 0
        for i in order {
            let n = sequences[i].count
            if !current.isEmpty, current.count >= settings.batchSize || tokens + n > settings.maxBatchTokens {
                chunks.append(current)
                current = []
                tokens = 0
            }
            current.append(i)
            tokens += n
        }
        if !current.isEmpty { chunks.append(current) }
        return (sequences, chunks)
    }

    private func run(
        chunks: [[Int]], sequences: [[Int32]], next: ChunkCounter, output: OutputBuffer, team: OpaquePointer? = nil
    ) {
        let workspace = pool.withLock { $0.popLast() } ?? Workspace()
        defer { pool.withLock { $0.append(workspace) } }
        let h = dimensions
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: settings.batchSize * h)
        defer { scratch.deallocate() }
        while true {
            let index = next.value.wrappingAdd(1, ordering: .relaxed).oldValue
            guard index < chunks.count else { return }
            let chunk = chunks[index]
            model.forward(chunk.map { sequences[$0] }, into: scratch, workspace: workspace, team: team)
            // After every batch, and every 32nd single text (releasing costs ~40 µs, a query reads ~15 rows).
            if chunk.count > 1 || releaseCountdown.wrappingAdd(1, ordering: .relaxed).oldValue % 32 == 31 {
                lookupTable?.release()
            }
            for (j, i) in chunk.enumerated() {
                (output.pointer + i * h).update(from: scratch + j * h, count: h)
            }
        }
    }
}

/// The result matrix shared by the worker tasks; each writes disjoint rows.
private final class OutputBuffer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Float>

    init(count: Int) {
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: max(count, 1))
    }

    func free() { pointer.deallocate() }
}

/// The next chunk to encode, shared by the worker tasks.
private final class ChunkCounter: Sendable {
    let value = Atomic<Int>(0)
}

/// A region of the mapped weights read at random (the word embeddings): only a few rows per batch are used,
/// so their pages are released after each batch instead of accumulating in the resident set.
struct LookupTable: Sendable {
    let file: MappedFile
    let offset: Int
    let length: Int

    func release() { file.releasePages(offset: offset, length: length) }
}
