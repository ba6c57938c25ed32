/// A safetensors file mapped into memory: an 8-byte little-endian header length, a JSON header naming each
/// tensor's dtype, shape and byte range, then the raw tensor data. Nothing is copied at load.
struct SafeTensors: @unchecked Sendable {
    struct Entry: Sendable, Equatable {
        var name: String
        var dtype: String
        var shape: [Int]
        /// Offset of the first byte, from the start of the file.
        var offset: Int
        var byteCount: Int

        var elementCount: Int { shape.reduce(1, *) }
    }

    let file: MappedFile
    let entries: [String: Entry]

    var path: String { file.path }

    /// Bytes per element of the dtypes this reader understands.
    static func elementSize(_ dtype: String) -> Int? {
        switch dtype {
        case "F64", "I64", "U64": 8
        case "F32", "I32", "U32": 4
        case "F16", "BF16", "I16", "U16": 2
        case "I8", "U8", "BOOL", "F8_E4M3", "F8_E5M2": 1
        default: nil
        }
    }

    /// Maps and validates the file: the header must be valid JSON, and every tensor's byte range must lie in
    /// the file, match its dtype and shape, and not overlap another's.
    init(path: String, maxHeaderBytes: Int) throws(SentenceEncoderError) {
        let file = try MappedFile(path: path)
        self.file = file
        let bytes = file.bytes
        guard bytes.count >= 8 else {
            throw SentenceEncoderError(.truncated, file: path, "the file has \(bytes.count) bytes, fewer than the 8-byte header length")
        }
        var headerLength: UInt64 = 0
        for i in (0..<8).reversed() { headerLength = headerLength << 8 | UInt64(bytes[i]) }
        guard headerLength > 0, headerLength <= UInt64(maxHeaderBytes) else {
            throw SentenceEncoderError(
                .invalidWeights, file: path,
                "header length \(headerLength) is not between 1 and the limit maxHeaderBytes = \(maxHeaderBytes)")
        }
        let headerEnd = 8 + Int(headerLength)
        guard headerEnd <= bytes.count else {
            throw SentenceEncoderError(
                .truncated, file: path, "the header needs \(headerEnd) bytes but the file has only \(bytes.count)")
        }
        let header: JSONValue
        do {
            header = try JSONParser.parse(UnsafeRawBufferPointer(rebasing: bytes[8..<headerEnd]))
        } catch {
            throw SentenceEncoderError(.invalidJSON, file: path, "invalid header JSON at byte \(8 + error.offset): \(error.message)")
        }
        guard let members = header.objectValue else {
            throw SentenceEncoderError(.invalidWeights, file: path, "the header is not a JSON object")
        }
        let dataSize = bytes.count - headerEnd
        var entries: [String: Entry] = [:]
        for (name, value) in members where name != "__metadata__" {
            entries[name] = try Self.entry(name: name, value: value, path: path, headerEnd: headerEnd, dataSize: dataSize)
        }
        let sorted = entries.values.sorted { $0.offset < $1.offset }
        for (a, b) in zip(sorted, sorted.dropFirst()) where a.offset + a.byteCount > b.offset {
            throw SentenceEncoderError(.invalidWeights, file: path, tensor: b.name, "its bytes overlap those of \(a.name)")
        }
        self.entries = entries
    }

    private static func entry(
        name: String, value: JSONValue, path: String, headerEnd: Int, dataSize: Int
    ) throws(SentenceEncoderError) -> Entry {
        func fail(_ code: SentenceEncoderError.Code, _ message: String) -> SentenceEncoderError {
            SentenceEncoderError(code, file: path, tensor: name, message)
        }
        guard let dtype = value["dtype"]?.stringValue else { throw fail(.invalidWeights, "no dtype") }
        guard let size = elementSize(dtype) else { throw fail(.wrongDType, "unknown dtype \(dtype)") }
        guard let dims = value["shape"]?.arrayValue else { throw fail(.invalidWeights, "no shape") }
        var shape: [Int] = []
        var count = 1
        for dim in dims {
            guard let d = dim.intValue, d >= 0 else { throw fail(.invalidWeights, "shape has an invalid dimension") }
            let (product, overflow) = count.multipliedReportingOverflow(by: d)
            guard !overflow else { throw fail(.invalidWeights, "shape is too large") }
            count = product
            shape.append(d)
        }
        guard let range = value["data_offsets"]?.arrayValue, range.count == 2,
            let begin = range[0].intValue, let end = range[1].intValue, begin >= 0, begin <= end
        else { throw fail(.invalidWeights, "data_offsets is not a pair [begin, end] with begin <= end") }
        let (expected, overflow) = count.multipliedReportingOverflow(by: size)
        guard !overflow, end - begin == expected else {
            throw fail(.invalidWeights, "data_offsets span \(end - begin) bytes but shape \(shape) of \(dtype) needs \(expected)")
        }
        guard end <= dataSize else {
            throw fail(.truncated, "its data ends at byte \(headerEnd + end) but the file has only \(headerEnd + dataSize) bytes")
        }
        return Entry(name: name, dtype: dtype, shape: shape, offset: headerEnd + begin, byteCount: end - begin)
    }
}

/// The float data of one tensor: a pointer into the mapped file (F32, aligned) or an owned converted copy.
final class FloatTensor: @unchecked Sendable {
    let name: String
    let shape: [Int]
    let pointer: UnsafePointer<Float>
    private let owned: UnsafeMutablePointer<Float>?
    private let keepAlive: MappedFile?

    var count: Int { shape.reduce(1, *) }

    init(_ entry: SafeTensors.Entry, in file: MappedFile) throws(SentenceEncoderError) {
        name = entry.name
        shape = entry.shape
        let raw = file.base + entry.offset
        let n = entry.elementCount
        if entry.dtype == "F32", Int(bitPattern: raw) % MemoryLayout<Float>.alignment == 0 {
            pointer = raw.assumingMemoryBound(to: Float.self)
            owned = nil
            keepAlive = file
            return
        }
        let buffer = UnsafeMutablePointer<Float>.allocate(capacity: max(n, 1))
        switch entry.dtype {
        case "F32":
            for i in 0..<n { buffer[i] = Float(bitPattern: raw.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self).littleEndian) }
        case "F16":
            for i in 0..<n {
                buffer[i] = Float(Float16(bitPattern: raw.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self).littleEndian))
            }
        case "BF16":
            for i in 0..<n {
                let bits = UInt32(raw.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self).littleEndian) << 16
                buffer[i] = Float(bitPattern: bits)
            }
        default:
            buffer.deallocate()
            throw SentenceEncoderError(
                .wrongDType, file: file.path, tensor: entry.name, "dtype \(entry.dtype) is not a float type (F32, F16 or BF16)")
        }
        pointer = UnsafePointer(buffer)
        owned = buffer
        keepAlive = nil
    }

    /// Unmaps the pages of this tensor from the process when it is read in place from the mapped file (after
    /// it was copied elsewhere); they stay in the page cache and come back if read again.
    func releaseMappedPages() {
        guard let file = keepAlive else { return }
        file.releasePages(offset: UnsafeRawPointer(pointer) - file.base, length: count * MemoryLayout<Float>.size)
    }

    deinit { owned?.deallocate() }
}
