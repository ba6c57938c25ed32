/// The tensors of a BERT encoder, validated against its configuration: every tensor the forward pass reads
/// must exist with dtype F32 (or F16/BF16, converted) and the shape `config.json` implies.
struct BertWeights: Sendable {
    struct Layer: Sendable {
        var query, queryBias, key, keyBias, value, valueBias: FloatTensor
        var attentionOutput, attentionOutputBias, attentionNorm, attentionNormBias: FloatTensor
        var intermediate, intermediateBias, output, outputBias, outputNorm, outputNormBias: FloatTensor
    }

    var wordEmbeddings, positionEmbeddings, tokenTypeEmbeddings, embeddingNorm, embeddingNormBias: FloatTensor
    var layers: [Layer]

    init(file: SafeTensors, config c: ModelConfiguration) throws(SentenceEncoderError) {
        // Checkpoints saved from BertForX carry a "bert." prefix.
        let prefix = file.entries["embeddings.word_embeddings.weight"] == nil
            && file.entries["bert.embeddings.word_embeddings.weight"] != nil ? "bert." : ""
        func tensor(_ name: String, _ shape: [Int]) throws(SentenceEncoderError) -> FloatTensor {
            let full = prefix + name
            guard let entry = file.entries[full] else {
                throw SentenceEncoderError(.missingTensor, file: file.path, tensor: full, "not found in the weights file")
            }
            guard ["F32", "F16", "BF16"].contains(entry.dtype) else {
                throw SentenceEncoderError(.wrongDType, file: file.path, tensor: full, "dtype \(entry.dtype), expected F32")
            }
            guard entry.shape == shape else {
                throw SentenceEncoderError(
                    .wrongShape, file: file.path, tensor: full,
                    "shape \(entry.shape), expected \(shape) from config.json")
            }
            return try FloatTensor(entry, in: file.file)
        }
        let h = c.hiddenSize
        wordEmbeddings = try tensor("embeddings.word_embeddings.weight", [c.vocabularySize, h])
        positionEmbeddings = try tensor("embeddings.position_embeddings.weight", [c.maxPositions, h])
        tokenTypeEmbeddings = try tensor("embeddings.token_type_embeddings.weight", [c.typeVocabularySize, h])
        embeddingNorm = try tensor("embeddings.LayerNorm.weight", [h])
        embeddingNormBias = try tensor("embeddings.LayerNorm.bias", [h])
        var layers: [Layer] = []
        for l in 0..<c.layers {
            let p = "encoder.layer.\(l)."
            layers.append(
                Layer(
                    query: try tensor(p + "attention.self.query.weight", [h, h]),
                    queryBias: try tensor(p + "attention.self.query.bias", [h]),
                    key: try tensor(p + "attention.self.key.weight", [h, h]),
                    keyBias: try tensor(p + "attention.self.key.bias", [h]),
                    value: try tensor(p + "attention.self.value.weight", [h, h]),
                    valueBias: try tensor(p + "attention.self.value.bias", [h]),
                    attentionOutput: try tensor(p + "attention.output.dense.weight", [h, h]),
                    attentionOutputBias: try tensor(p + "attention.output.dense.bias", [h]),
                    attentionNorm: try tensor(p + "attention.output.LayerNorm.weight", [h]),
                    attentionNormBias: try tensor(p + "attention.output.LayerNorm.bias", [h]),
                    intermediate: try tensor(p + "intermediate.dense.weight", [c.intermediateSize, h]),
                    intermediateBias: try tensor(p + "intermediate.dense.bias", [c.intermediateSize]),
                    output: try tensor(p + "output.dense.weight", [h, c.intermediateSize]),
                    outputBias: try tensor(p + "output.dense.bias", [h]),
                    outputNorm: try tensor(p + "output.LayerNorm.weight", [h]),
                    outputNormBias: try tensor(p + "output.LayerNorm.bias", [h])))
        }
        if file.entries[prefix + "encoder.layer.\(c.layers).attention.self.query.weight"] != nil {
            throw SentenceEncoderError(
                .wrongShape, file: file.path, tensor: prefix + "encoder.layer.\(c.layers)",
                "the file has more layers than num_hidden_layers = \(c.layers) in config.json")
        }
        self.layers = layers
    }
}
