/// An error of the Ranking module: a code and a message naming what failed (file, limit and amount).
public struct RankingError: Error, Sendable, CustomStringConvertible, Equatable {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Value: String { case badVector, limitExceeded, duplicateName, io, corruptCache, embedder, noEmbedder }
        fileprivate let value: Value
        /// An embedder returned a vector of the wrong length or with NaN/infinity.
        public static let badVector = Code(value: .badVector)
        /// A request went past a configured limit.
        public static let limitExceeded = Code(value: .limitExceeded)
        /// Two documents share a name.
        public static let duplicateName = Code(value: .duplicateName)
        /// Reading or writing a file failed.
        public static let io = Code(value: .io)
        /// A cache file failed its checks (reported, then rebuilt; never thrown out of a build).
        public static let corruptCache = Code(value: .corruptCache)
        /// The embedder failed.
        public static let embedder = Code(value: .embedder)
        /// A semantic search was asked of an index that has no embeddings.
        public static let noEmbedder = Code(value: .noEmbedder)
        public var description: String { value.rawValue }
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
