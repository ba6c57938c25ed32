@testable import SentenceEncoder

/// A tiny BERT model written to a temporary directory (hidden 8, 2 heads, 2 layers), with knobs to break it.
struct TinyModel {
    var hidden = 8
    var heads = 2
    var layers = 2
    var intermediate = 16
    var maxPositions = 16
    var vocabulary = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "get", "weather", "##s", "send", "email", ",", "!", "a", "b"]
    /// Tensors to leave out, to write with another shape, or with another dtype.
    var omit: Set<String> = []
    var reshape: [String: [Int]] = [:]
    var dtype: [String: String] = [:]
    /// Bytes cut from the end of model.safetensors.
    var truncateBy = 0

    func tensors() -> [(String, [Int])] {
        let h = hidden
        var list: [(String, [Int])] = [
            ("embeddings.word_embeddings.weight", [vocabulary.count, h]),
            ("embeddings.position_embeddings.weight", [maxPositions, h]),
            ("embeddings.token_type_embeddings.weight", [2, h]),
            ("embeddings.LayerNorm.weight", [h]), ("embeddings.LayerNorm.bias", [h]),
        ]
        for l in 0..<layers {
            let p = "encoder.layer.\(l)."
            list += [
                (p + "attention.self.query.weight", [h, h]), (p + "attention.self.query.bias", [h]),
                (p + "attention.self.key.weight", [h, h]), (p + "attention.self.key.bias", [h]),
                (p + "attention.self.value.weight", [h, h]), (p + "attention.self.value.bias", [h]),
                (p + "attention.output.dense.weight", [h, h]), (p + "attention.output.dense.bias", [h]),
                (p + "attention.output.LayerNorm.weight", [h]), (p + "attention.output.LayerNorm.bias", [h]),
                (p + "intermediate.dense.weight", [intermediate, h]), (p + "intermediate.dense.bias", [intermediate]),
                (p + "output.dense.weight", [h, intermediate]), (p + "output.dense.bias", [h]),
                (p + "output.LayerNorm.weight", [h]), (p + "output.LayerNorm.bias", [h]),
            ]
        }
        return list
    }

    var configJSON: String {
        """
        {"model_type": "bert", "hidden_act": "gelu", "hidden_size": \(hidden), "num_attention_heads": \(heads),
         "num_hidden_layers": \(layers), "intermediate_size": \(intermediate), "max_position_embeddings": \(maxPositions),
         "type_vocab_size": 2, "vocab_size": \(vocabulary.count), "layer_norm_eps": 1e-12,
         "position_embedding_type": "absolute"}
        """
    }

    /// The safetensors bytes: header, then each tensor's floats (a deterministic pseudo-random sequence;
    /// LayerNorm weights near 1).
    func safetensors() -> [UInt8] {
        var header = "{\"__metadata__\":{\"format\":\"pt\"}"
        var data: [UInt8] = []
        var state: UInt32 = 12345
        for (name, realShape) in tensors() where !omit.contains(name) {
            let shape = reshape[name] ?? realShape
            let type = dtype[name] ?? "F32"
            let count = shape.reduce(1, *)
            let begin = data.count
            for _ in 0..<count {
                state = state &* 1_664_525 &+ 1_013_904_223
                var value = (Float(state >> 8) / Float(1 << 24) - 0.5) * 0.4
                if name.hasSuffix("LayerNorm.weight") { value += 1 }
                if type == "F16" {
                    withUnsafeBytes(of: Float16(value).bitPattern.littleEndian) { data += $0 }
                } else {
                    withUnsafeBytes(of: value.bitPattern.littleEndian) { data += $0 }
                }
            }
            header += ",\"\(name)\":{\"dtype\":\"\(type)\",\"shape\":\(shape),\"data_offsets\":[\(begin),\(data.count)]}"
        }
        header += "}"
        var headerBytes = Array(header.utf8)
        while (8 + headerBytes.count) % 8 != 0 { headerBytes.append(0x20) }
        var out: [UInt8] = []
        withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { out += $0 }
        out += headerBytes + data
        return Array(out.dropLast(truncateBy))
    }

    /// Writes config.json, vocab.txt and model.safetensors to a new temporary directory.
    func write() throws -> String {
        let dir = try TestSupport.makeTemporaryDirectory()
        try TestSupport.write(configJSON, to: dir + "/config.json")
        try TestSupport.write(vocabulary.joined(separator: "\n") + "\n", to: dir + "/vocab.txt")
        try TestSupport.write(safetensors(), to: dir + "/model.safetensors")
        return dir
    }
}
