import Testing
@testable import SentenceEncoder

/// A bad model directory gives a clear error naming the file (and tensor), never a crash.
@Suite struct LoadingErrorTests {
    func load(_ model: TinyModel, settings: SentenceEncoderSettings = .init(), edit: (String) throws -> Void = { _ in })
        throws -> Result<SentenceEncoder, SentenceEncoderError>
    {
        let dir = try model.write()
        defer { TestSupport.removeDirectory(dir) }
        try edit(dir)
        do {
            return .success(try SentenceEncoder.load(directory: dir, settings: settings))
        } catch {
            return .failure(error)
        }
    }

    func error(_ result: Result<SentenceEncoder, SentenceEncoderError>) throws -> SentenceEncoderError {
        switch result {
        case .success: throw TestFailure("expected a loading error")
        case .failure(let e): return e
        }
    }

    @Test func tinyModelLoadsAndEmbeds() async throws {
        let dir = try TinyModel().write()
        defer { TestSupport.removeDirectory(dir) }
        let encoder = try SentenceEncoder.load(directory: dir)
        #expect(encoder.dimensions == 8)
        #expect(encoder.maxSequenceLength == 16)
        let vectors = try await encoder.embed(["get weathers", "send email!", "", "a b a b a b a b a b a b a b a b a b"])
        #expect(vectors.count == 4)
        for v in vectors {
            #expect(v.count == 8)
            #expect(abs(v.reduce(0) { $0 + $1 * $1 } - 1) < 1e-4)
        }
        let single = try await encoder.embed(["send email!"])
        #expect(TestSupport.cosine(single[0], vectors[1]) > 0.99999)
    }

    @Test func truncatedWeightsNameTheFileAndTensor() throws {
        let e = try error(load(TinyModel(truncateBy: 10)))
        #expect(e.code == .truncated)
        #expect(e.file?.hasSuffix("/model.safetensors") == true)
        #expect(e.tensor != nil)
        #expect(e.description.contains("model.safetensors"))
    }

    @Test func fileCutInsideTheHeaderIsTruncated() throws {
        let model = TinyModel()
        let e = try error(load(model) { dir in
            try TestSupport.write(Array(model.safetensors().prefix(40)), to: dir + "/model.safetensors")
        })
        #expect(e.code == .truncated)
        #expect(e.file?.hasSuffix("/model.safetensors") == true)
    }

    @Test func wrongShapeNamesTheTensor() throws {
        let name = "encoder.layer.1.intermediate.dense.weight"
        let e = try error(load(TinyModel(reshape: [name: [8, 16]])))
        #expect(e.code == .wrongShape)
        #expect(e.tensor == name)
        #expect(e.file?.hasSuffix("/model.safetensors") == true)
        #expect(e.description.contains("[16, 8]"))
    }

    @Test func missingTensorIsNamed() throws {
        let name = "encoder.layer.0.attention.self.key.bias"
        let e = try error(load(TinyModel(omit: [name])))
        #expect(e.code == .missingTensor)
        #expect(e.tensor == name)
    }

    @Test func wrongDTypeIsNamed() throws {
        let e = try error(load(TinyModel(dtype: ["embeddings.LayerNorm.bias": "I32"])))
        #expect(e.code == .wrongDType)
        #expect(e.tensor == "embeddings.LayerNorm.bias")
    }

    @Test func halfPrecisionWeightsAreConverted() async throws {
        let result = try load(TinyModel(dtype: ["embeddings.word_embeddings.weight": "F16"]))
        let encoder = try result.get()
        #expect(try await encoder.embed(["get"])[0].count == 8)
    }

    @Test(arguments: ["model.safetensors", "config.json", "vocab.txt"])
    func missingFileIsNamed(file: String) throws {
        let e = try error(load(TinyModel()) { dir in TestSupport.remove(dir + "/" + file) })
        #expect(e.code == .fileMissing)
        #expect(e.file?.hasSuffix("/" + file) == true)
        #expect(e.description.contains(file))
    }

    @Test func invalidHeaderJSONNamesTheFile() throws {
        var bytes: [UInt8] = []
        withUnsafeBytes(of: UInt64(8).littleEndian) { bytes += $0 }
        bytes += Array("{\"a\": [1".utf8) + [0x20]
        let e = try error(load(TinyModel()) { dir in try TestSupport.write(bytes, to: dir + "/model.safetensors") })
        #expect(e.code == .invalidJSON)
        #expect(e.file?.hasSuffix("/model.safetensors") == true)
    }

    @Test func oversizedHeaderLengthHitsTheLimit() throws {
        var settings = SentenceEncoderSettings()
        settings.maxHeaderBytes = 64
        let e = try error(load(TinyModel(), settings: settings))
        #expect(e.code == .invalidWeights)
        #expect(e.message.contains("maxHeaderBytes = 64"))
    }

    @Test func configLargerThanTheLimit() throws {
        var settings = SentenceEncoderSettings()
        settings.maxConfigBytes = 100
        let e = try error(load(TinyModel(), settings: settings))
        #expect(e.code == .limitExceeded)
        #expect(e.file?.hasSuffix("/config.json") == true)
        #expect(e.message.contains("100 bytes"))
    }

    @Test func invalidConfigNamesTheFile() throws {
        let e = try error(load(TinyModel()) { dir in
            try TestSupport.write("{\"model_type\": \"bert\", \"hidden_size\": 8}", to: dir + "/config.json")
        })
        #expect(e.code == .invalidConfig)
        #expect(e.file?.hasSuffix("/config.json") == true)
    }

    @Test func configDisagreeingWithWeightsIsAWrongShape() throws {
        let e = try error(load(TinyModel()) { dir in
            try TestSupport.write(TinyModel(intermediate: 32).configJSON, to: dir + "/config.json")
        })
        #expect(e.code == .wrongShape)
        #expect(e.tensor == "encoder.layer.0.intermediate.dense.weight")
    }

    @Test func extraLayersAreRejected() throws {
        let e = try error(load(TinyModel()) { dir in
            try TestSupport.write(TinyModel(layers: 1).configJSON, to: dir + "/config.json")
        })
        #expect(e.code == .wrongShape)
    }

    @Test func textLimitsAreEnforced() async throws {
        let dir = try TinyModel().write()
        defer { TestSupport.removeDirectory(dir) }
        var settings = SentenceEncoderSettings()
        settings.maxTexts = 2
        settings.maxTextBytes = 10
        let encoder = try SentenceEncoder.load(directory: dir, settings: settings)
        await #expect(throws: SentenceEncoderError.self) { _ = try await encoder.embed(["a", "b", "c"]) }
        do {
            _ = try await encoder.embed(["a", "b", "c"])
        } catch let e as SentenceEncoderError {
            #expect(e.code == .limitExceeded)
            #expect(e.message.contains("maxTexts = 2"))
        }
        do {
            _ = try await encoder.embed(["get", String(repeating: "a ", count: 6)])
            Issue.record("expected maxTextBytes to be hit")
        } catch let e as SentenceEncoderError {
            #expect(e.message.contains("maxTextBytes = 10"))
            #expect(e.message.contains("12 bytes"))
        }
    }

    @Test func batchLimitsSplitWorkWithoutChangingResults() async throws {
        let dir = try TinyModel().write()
        defer { TestSupport.removeDirectory(dir) }
        var small = SentenceEncoderSettings()
        small.batchSize = 2
        small.maxBatchTokens = 16
        small.threads = 2
        let split = try SentenceEncoder.load(directory: dir, settings: small)
        let whole = try SentenceEncoder.load(directory: dir)
        let texts = ["get", "send email", "a b a b", "weathers", "get get get get get get get get", "b"]
        #expect(try split.prepare(texts).1.allSatisfy { $0.count <= 2 })
        let a = try await split.embed(texts)
        let b = try await whole.embed(texts)
        for (x, y) in zip(a, b) { #expect(TestSupport.cosine(x, y) > 0.99999) }
        var bad = SentenceEncoderSettings()
        bad.maxBatchTokens = 4
        #expect(throws: SentenceEncoderError.self) { _ = try SentenceEncoder.load(directory: dir, settings: bad) }
        bad.maxBatchTokens = 1 << 21
        do {
            _ = try SentenceEncoder.load(directory: dir, settings: bad)
            Issue.record("expected maxBatchTokens to be rejected")
        } catch {
            #expect(error.code == .limitExceeded)
            #expect(error.message.contains("maxBatchTokens = 2097152"))
        }
    }
}
