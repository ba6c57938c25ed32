extension EmbeddingCache {
    /// Embeddings for `texts` (in order): from the cache file where it holds them, the rest from
    /// `embedder`; the file is rewritten atomically when anything was missing or it was corrupt.
    /// A corrupt file is never trusted: the report says why, and everything is re-embedded.
    public func embeddings(for texts: [String], embedder: any Embedder, quantize: Bool = true) async throws -> (EmbeddingMatrix, Report) {
        let dims = embedder.dimensions
        let path = path(modelID: embedder.modelID, dimensions: dims)
        var problem: String?
        var file: EmbeddingCacheFile?
        do {
            file = try EmbeddingCacheFile.open(path: path, modelID: embedder.modelID, dimensions: dims)
        } catch {
            problem = error.description
        }
        let keys = texts.map(Hash64.key)
        var rows = [Int?](repeating: nil, count: texts.count)
        if let file { for i in texts.indices { rows[i] = file.row(for: keys[i]) } }
        let reused = rows.count { $0 != nil }

        // Everything present and in order: use the mapping itself.
        if let file, reused == texts.count, file.count == texts.count, rows.enumerated().allSatisfy({ $0.element == $0.offset }) {
            let matrix = EmbeddingMatrix(storage: file.storage, rows: texts.count, dimensions: dims, quantize: quantize)
            return (matrix, Report(status: .loaded, reused: reused, embedded: 0, problem: nil))
        }

        var flat = [Float](repeating: 0, count: texts.count * dims)
        if let file {
            for (i, row) in rows.enumerated() {
                guard let row else { continue }
                for j in 0..<dims { flat[i * dims + j] = file.storage.pointer[row * dims + j] }
            }
        }
        let missing = texts.indices.filter { rows[$0] == nil }
        // Embed each distinct missing text once.
        var firstIndex: [TextKey: Int] = [:]
        var unique: [Int] = []
        for i in missing where firstIndex[keys[i]] == nil {
            firstIndex[keys[i]] = i
            unique.append(i)
        }
        var start = 0
        while start < unique.count {
            let batch = Array(unique[start..<min(start + batchSize, unique.count)])
            let vectors: [[Float]]
            do {
                vectors = try await embedder.embed(batch.map { texts[$0] })
            } catch {
                throw RankingError(.embedder, "embedder \(embedder.modelID) failed on a batch of \(batch.count): \(error)")
            }
            guard vectors.count == batch.count else {
                throw RankingError(.embedder, "embedder \(embedder.modelID) returned \(vectors.count) vectors for \(batch.count) texts")
            }
            for (i, v) in zip(batch, vectors) {
                let unit = try EmbeddingMatrix.normalised(v, dimensions: dims, what: "embedding of text \(i)")
                for j in 0..<dims { flat[i * dims + j] = unit[j] }
            }
            start += batchSize
        }
        for i in missing {
            guard let first = firstIndex[keys[i]], first != i else { continue }
            for j in 0..<dims { flat[i * dims + j] = flat[first * dims + j] }
        }
        let status: Report.Status = problem != nil ? .rebuilt : (file == nil ? .created : .updated)
        var writeProblem: String?
        if !missing.isEmpty || problem != nil {
            do {
                try EmbeddingCacheFile.write(path: path, modelID: embedder.modelID, dimensions: dims, keys: keys, vectors: flat)
            } catch {
                writeProblem = error.description
            }
        }
        let matrix = EmbeddingMatrix(storage: VectorStorage(copying: flat), rows: texts.count, dimensions: dims, quantize: quantize)
        let report = Report(
            status: missing.isEmpty && problem == nil ? .loaded : status, reused: reused, embedded: unique.count,
            problem: [problem, writeProblem].compactMap { $0 }.first)
        return (matrix, report)
    }
}
