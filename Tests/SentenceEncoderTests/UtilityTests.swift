import CEncoderKernels
import Foundation
import Testing
@testable import SentenceEncoder

@Suite struct JSONParserTests {
    @Test func parsesNestedValues() throws {
        let v = try JSONParser.parse(Array(#"{"a": [1, -2.5e1, true, null, "x\u00e9\ud83d\ude00\n"], "b": {}}"#.utf8))
        #expect(v["a"]?.arrayValue?.count == 5)
        #expect(v["a"]?.arrayValue?[0].intValue == 1)
        #expect(v["a"]?.arrayValue?[1] == .number(-25))
        #expect(v["a"]?.arrayValue?[4].stringValue == "xé😀\n")
        #expect(v["b"] == .object([:]))
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "tru", "\"abc", "1 2", "{\"a\":1,\"a\":2}", "-", "[01x]"])
    func rejectsInvalidJSON(text: String) {
        #expect(throws: JSONSyntaxError.self) { _ = try JSONParser.parse(Array(text.utf8)) }
    }

    @Test func keepingAndDroppingSkipMembersButStillCheckThem() throws {
        let text = #"{"big": {"x": [1, {"y": "\"}"}]}, "model": {"type": "WordPiece", "vocab": {"a": 0}}, "n": 1}"#
        let v = try JSONParser.parse(Array(text.utf8), keeping: ["model", "n"], dropping: ["vocab"])
        #expect(v["big"] == nil)
        #expect(v["n"]?.intValue == 1)
        #expect(v["model"]?["type"]?.stringValue == "WordPiece")
        #expect(v["model"]?["vocab"] == nil)
        #expect(throws: JSONSyntaxError.self) {
            _ = try JSONParser.parse(Array(#"{"big": [1, 2,], "n": 1}"#.utf8), keeping: ["n"])
        }
    }

    @Test func nestingLimit() {
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: JSONSyntaxError.self) { _ = try JSONParser.parse(Array(deep.utf8), maxDepth: 64) }
        #expect((try? JSONParser.parse(Array(deep.utf8), maxDepth: 128)) != nil)
    }
}

@Suite struct XXHash64Tests {
    @Test(arguments: [
        ("", 0xEF46_DB37_51D8_E999 as UInt64),
        ("a", 0xD24E_C4F1_A98C_6E5B),
        ("abc", 0x44BC_2CF5_AD77_0999),
    ])
    func knownVectors(text: String, expected: UInt64) {
        #expect(XXHash64.hash(Array(text.utf8)) == expected)
    }

    @Test func streamingEqualsOneShot() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        var streamed = XXHash64()
        bytes.withUnsafeBytes { raw in
            streamed.update(UnsafeRawBufferPointer(rebasing: raw[0..<5]))
            streamed.update(UnsafeRawBufferPointer(rebasing: raw[5..<77]))
            streamed.update(UnsafeRawBufferPointer(rebasing: raw[77...]))
        }
        #expect(streamed.finalize() == XXHash64.hash(bytes))
    }
}

@Suite struct KernelTests {
    /// The softmax's e^x (C's exp_approx, shared with GELU and attention) against the C library's double exp,
    /// over rows long enough (70) to take every vector path and its remainder, on each path the CPU has.
    @Test func softmaxRowsMatchExactSoftmax() {
        let rows = 160, cols = 70
        var values = [Float](repeating: 0, count: rows * cols)
        for i in values.indices { values[i] = Float((i * 37) % 1_601 - 800) / 100 }  // -8 ... 8
        for path in [1, 2, 3] {
            qenc_force_path(Int32(path))
            defer { qenc_force_path(0) }
            var x = values
            x.withUnsafeMutableBufferPointer { Kernels.softmaxRows($0.baseAddress!, rows: rows, cols: cols, ld: cols) }
            var worst: Double = 0
            for r in 0..<rows {
                let row = values[(r * cols)..<((r + 1) * cols)].map(Double.init)
                let maximum = row.max() ?? 0
                let exps = row.map { Foundation.exp($0 - maximum) }
                let total = exps.reduce(0, +)
                for c in 0..<cols { worst = max(worst, abs(Double(x[r * cols + c]) - exps[c] / total) / (exps[c] / total)) }
            }
            #expect(worst < 2e-6, "path \(path): worst relative error \(worst)")
        }
    }

    /// Batches take the faster of AVX-512 and AVX2 as measured on this CPU, queries the widest path; a forced
    /// path (the tests of each path) wins over both.
    @Test func theBatchPathIsAMeasuredChoiceAndForcingStillWorks() {
        let best = qenc_path()
        let batch = qenc_batch_path()
        if best == 3 { #expect(batch == 3 || batch == 2) } else { #expect(batch == best) }
        for path: Int32 in [1, 2] where path <= best {
            qenc_force_path(path)
            #expect(qenc_batch_path() == path)
            #expect(qenc_path() == path)
        }
        qenc_force_path(0)
        #expect(qenc_batch_path() == batch)
    }
}
