/// Limits and tuning of a `SentenceEncoder`. Every limit has a default and an error that names it.
public struct SentenceEncoderSettings: Sendable, Equatable {
    /// Name put before the weights hash in `modelID`.
    public var modelName: String = "all-MiniLM-L6-v2"
    /// Tokens per text including `[CLS]` and `[SEP]`; nil uses the model's own (`sentence_bert_config.json`,
    /// 256 for all-MiniLM-L6-v2). Never more than the model's position embeddings.
    public var maxSequenceLength: Int?
    /// Texts encoded together in one forward pass (the batch size).
    public var batchSize: Int = 32
    /// Tokens in one forward pass; bounds the scratch memory (about 8 KB per token for MiniLM, per thread).
    /// At least `maxSequenceLength`.
    public var maxBatchTokens: Int = 2048
    /// Threads that run forward passes in parallel (0: one per processor, at most 8).
    public var threads: Int = 0
    /// Threads that share one single-text `embed` call (a query): 1, or 2 (the caller and one persistent worker
    /// thread, which split each layer's output features and attention heads); 0: 2 when there are 2 processors.
    public var queryThreads: Int = 0
    /// How long the query worker thread spins for the next piece of work before it sleeps (a query hands it
    /// about 30 pieces microseconds apart; a futex wake-up costs tens of microseconds).
    public var querySpinMicroseconds: Int = 200
    /// Threads OpenBLAS may use inside one matrix product; the encoder parallelises itself, so 1 is best.
    /// Nil leaves OpenBLAS alone.
    public var blasThreads: Int? = 1
    /// Release the mapped pages of the word-embedding table after each batch (they stay in the page cache),
    /// so that resident memory holds only the rows in use rather than, over time, the whole 47 MB table.
    public var releaseEmbeddingPages: Bool = true
    /// Texts in one `embed` call.
    public var maxTexts: Int = 100_000
    /// UTF-8 bytes of one text (texts are truncated to `maxSequenceLength` tokens; this bounds the work
    /// spent tokenizing before truncation).
    public var maxTextBytes: Int = 1 << 20
    /// Size of the JSON header of `model.safetensors`.
    public var maxHeaderBytes: Int = 16 << 20
    /// Size of each JSON or vocabulary file of the model directory.
    public var maxConfigBytes: Int = 32 << 20

    public init() {}
}
