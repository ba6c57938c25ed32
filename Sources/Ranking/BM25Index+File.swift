#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A built BM25 index saved next to the embedding cache, so a restart with an unchanged catalog
/// skips tokenising every tool. Keyed by a hash of the documents, the BM25 settings and the
/// tokenizer; checked by a checksum and by validating every offset before use; written atomically.
///
/// ```
/// 0  magic "QVBM25_1"  8 bytes
/// 8  checksum          UInt64, Hash64 of every byte from 16 to the end
/// 16 key               UInt64 (documents + settings + tokenizer)
/// 24 counts            UInt64 x 4: documents, terms, postings, arena bytes
/// 56 averages          Float32 x 4
/// 72 arrays            term offsets Int64 x (terms + 1), df Int32 x terms, posting start Int32 x (terms + 1),
///                      posting docs Int32 x postings, impacts Float32 x postings, arena bytes
/// ```
extension BM25Index {
    static let fileMagic: [UInt8] = Array("QVBM25_1".utf8)

    /// What identifies an index: every document's text, the BM25 settings and the tokenizer.
    static func key(documents: [RankingDocument], settings: BM25Settings, tokenizer: Tokenizer) -> UInt64 {
        var h = Hash64.hash("\(settings)|\(tokenizer.stemming)|\(tokenizer.stopWords.sorted())|\(documents.count)")
        func mix(_ text: String) { h = Hash64.hash(text, seed: h) }
        for d in documents {
            mix(d.name)
            mix(d.description)
            for p in d.parameters {
                mix(p.name)
                mix(p.description)
            }
            h = Hash64.hash("", seed: h &+ UInt64(d.parameters.count))
            for t in d.tags { mix(t) }
            h = Hash64.hash("", seed: h &+ UInt64(d.tags.count))
        }
        return h
    }

    /// Loads the index for `documents` from `path` if the file is there, intact and for the same key;
    /// otherwise builds it and writes the file. Returns the index and what happened.
    public static func cached(
        documents: [RankingDocument], settings: BM25Settings = BM25Settings(), tokenizer: Tokenizer = Tokenizer(), path: String
    ) -> (index: BM25Index, status: EmbeddingCache.Report.Status, problem: String?) {
        let key = key(documents: documents, settings: settings, tokenizer: tokenizer)
        var problem: String?
        do {
            if let index = try load(path: path, key: key, settings: settings, tokenizer: tokenizer) {
                return (index, .loaded, nil)
            }
        } catch {
            problem = error.description
        }
        let index = BM25Index(documents: documents, settings: settings, tokenizer: tokenizer)
        do {
            try index.write(path: path, key: key)
        } catch {
            problem = problem ?? error.description
        }
        return (index, problem == nil ? .created : .rebuilt, problem)
    }

    func write(path: String, key: UInt64) throws(RankingError) {
        var bytes: [UInt8] = Self.fileMagic
        func put<T: FixedWidthInteger>(_ v: T) { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
        func putArray<T>(_ a: [T]) { a.withUnsafeBytes { bytes += $0 } }
        put(UInt64(0))  // checksum, filled below
        put(key)
        for n in [count, termIDs.count, postingDocs.count, termIDs.arena.count] { put(UInt64(n)) }
        putArray(averageFieldLengths)
        putArray(termIDs.offsets.map { Int64($0) })
        putArray(documentFrequency)
        putArray(postingStart)
        putArray(postingDocs)
        putArray(postingImpacts)
        putArray(termIDs.arena)
        let sum = bytes.withUnsafeBytes { Hash64.hash(UnsafeRawBufferPointer(rebasing: $0[16...])) }
        withUnsafeBytes(of: sum.littleEndian) { for (i, b) in $0.enumerated() { bytes[8 + i] = b } }
        try EmbeddingCacheFile.atomicWrite(bytes, to: path)
    }

    /// nil when there is no file or it is for another key; throws `.corruptCache` when it cannot be trusted.
    static func load(path: String, key: UInt64, settings: BM25Settings, tokenizer: Tokenizer) throws(RankingError) -> BM25Index? {
        guard let f = fopen(path, "rb") else { return nil }
        defer { fclose(f) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = fread(&chunk, 1, chunk.count, f)
            if n <= 0 { break }
            bytes += chunk[0..<n]
        }
        func corrupt(_ why: String) -> RankingError { RankingError(.corruptCache, "\(path): \(why)") }
        guard bytes.count >= 72, Array(bytes[0..<8]) == fileMagic else { throw corrupt("bad magic or short header") }
        do {
            return try bytes.withUnsafeBytes { raw throws -> BM25Index? in
                func u64(_ at: Int) -> UInt64 { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
                let stored = u64(8)
                guard Hash64.hash(UnsafeRawBufferPointer(rebasing: raw[16...])) == stored else { throw corrupt("checksum mismatch (torn or damaged file)") }
                guard u64(16) == key else { return nil }
                let limit = UInt64(Int32.max)
                let (docs, terms, postings, arenaBytes) = (u64(24), u64(32), u64(40), u64(48))
                guard docs <= limit, terms <= limit, postings <= limit, arenaBytes <= limit else { throw corrupt("counts out of range") }
                let (d, t, p, a) = (Int(docs), Int(terms), Int(postings), Int(arenaBytes))
                let expected = 72 + 8 * (t + 1) + 4 * t + 4 * (t + 1) + 4 * p + 4 * p + a
                guard expected == raw.count else { throw corrupt("length \(raw.count) bytes, expected \(expected)") }
                var at = 56
                func take<T>(_ n: Int, _ type: T.Type) -> [T] {
                    let out = (0..<n).map { raw.loadUnaligned(fromByteOffset: at + $0 * MemoryLayout<T>.size, as: T.self) }
                    at += n * MemoryLayout<T>.size
                    return out
                }
                let averages = take(4, Float.self)
                let offsets = take(t + 1, Int64.self)
                let df = take(t, Int32.self)
                let start = take(t + 1, Int32.self)
                let postingDocs = take(p, Int32.self)
                let impacts = take(p, Float.self)
                let arena = take(a, UInt8.self)
                // Every offset is checked, so a crafted file cannot make a search read out of bounds.
                guard offsets.first == 0, offsets.last == Int64(a), zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }) else {
                    throw corrupt("bad term offsets")
                }
                guard start.first == 0, start.last == Int32(truncatingIfNeeded: p), zip(start, start.dropFirst()).allSatisfy({ $0 <= $1 }) else {
                    throw corrupt("bad posting offsets")
                }
                guard postingDocs.allSatisfy({ $0 >= 0 && Int($0) < d }), impacts.allSatisfy(\.isFinite), averages.allSatisfy(\.isFinite) else {
                    throw corrupt("posting out of range")
                }
                var table = TermTable(capacity: t)
                for i in 0..<t {
                    let id = arena.withUnsafeBufferPointer { buffer in
                        table.intern(UnsafeBufferPointer(rebasing: buffer[Int(offsets[i])..<Int(offsets[i + 1])]))
                    }
                    guard Int(id) == i else { throw corrupt("repeated term \(i)") }
                }
                return BM25Index(
                    settings: settings, tokenizer: tokenizer, count: d, termIDs: table, documentFrequency: df, postingStart: start,
                    postingDocs: postingDocs, postingImpacts: impacts, averageFieldLengths: averages)
            }
        } catch let error as RankingError {
            throw error
        } catch {
            throw corrupt("\(error)")
        }
    }
}
