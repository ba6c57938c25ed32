/// An error loading a model or encoding texts. Every loading error names the file it concerns and, for
/// weights, the tensor.
public struct SentenceEncoderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, in broad classes callers can test for.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        enum Kind: String, Sendable {
            case fileMissing, fileUnreadable, invalidJSON, invalidConfig, invalidVocabulary
            case invalidWeights, missingTensor, wrongDType, wrongShape, truncated
            case limitExceeded, blas
        }
        let kind: Kind
        public var description: String { kind.rawValue }

        /// A required file of the model directory does not exist.
        public static let fileMissing = Code(kind: .fileMissing)
        /// A file exists but could not be opened, read or mapped.
        public static let fileUnreadable = Code(kind: .fileUnreadable)
        /// A JSON file (config, tokenizer, safetensors header) is not valid JSON.
        public static let invalidJSON = Code(kind: .invalidJSON)
        /// `config.json` (or the sentence-transformers configs) describe a model this encoder cannot run.
        public static let invalidConfig = Code(kind: .invalidConfig)
        /// The vocabulary is empty, lacks a special token or has duplicates.
        public static let invalidVocabulary = Code(kind: .invalidVocabulary)
        /// The safetensors header is malformed (bad length, offsets out of order or out of the file).
        public static let invalidWeights = Code(kind: .invalidWeights)
        /// A tensor the model needs is not in the weights file.
        public static let missingTensor = Code(kind: .missingTensor)
        /// A tensor has a data type other than the expected one.
        public static let wrongDType = Code(kind: .wrongDType)
        /// A tensor's shape disagrees with `config.json`.
        public static let wrongShape = Code(kind: .wrongShape)
        /// The weights file is shorter than its header says.
        public static let truncated = Code(kind: .truncated)
        /// A configured limit was exceeded (the message names the limit and the amount).
        public static let limitExceeded = Code(kind: .limitExceeded)
        /// The BLAS library is missing a function the encoder needs.
        public static let blas = Code(kind: .blas)
    }

    public let code: Code
    /// The file concerned, when there is one.
    public let file: String?
    /// The tensor concerned, when there is one.
    public let tensor: String?
    /// A human-readable explanation.
    public let message: String

    init(_ code: Code, file: String? = nil, tensor: String? = nil, _ message: String) {
        self.code = code
        self.file = file
        self.tensor = tensor
        self.message = message
    }

    public var description: String {
        var parts: [String] = []
        if let file { parts.append(file) }
        if let tensor { parts.append("tensor \(tensor)") }
        parts.append(message)
        return parts.joined(separator: ": ")
    }
}
