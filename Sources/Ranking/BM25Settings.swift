/// Parameters of the BM25 index.
public struct BM25Settings: Sendable, Hashable, Codable {
    /// How per-field term frequencies become one score.
    public enum Combination: String, Sendable, Hashable, Codable {
        /// BM25F: weighted, length-normalised frequencies are summed across fields first, then saturated once.
        case bm25f
        /// One BM25 per field, each saturated on its own, summed with the field weights.
        case perField
    }

    /// Term-frequency saturation (Okapi k1).
    public var k1: Float
    /// Length normalisation (Okapi b), 0 = none, 1 = full.
    public var b: Float
    /// Weight of the name, description, parameters (names and descriptions) and tags fields.
    public var nameWeight: Float
    public var descriptionWeight: Float
    public var parameterWeight: Float
    public var tagWeight: Float
    public var combination: Combination

    public init(
        k1: Float = 1.2, b: Float = 0.75, nameWeight: Float = 2, descriptionWeight: Float = 1,
        parameterWeight: Float = 0.5, tagWeight: Float = 0.5, combination: Combination = .bm25f
    ) {
        self.k1 = k1
        self.b = b
        self.nameWeight = nameWeight
        self.descriptionWeight = descriptionWeight
        self.parameterWeight = parameterWeight
        self.tagWeight = tagWeight
        self.combination = combination
    }

    var weights: [Float] { [nameWeight, descriptionWeight, parameterWeight, tagWeight] }
}
