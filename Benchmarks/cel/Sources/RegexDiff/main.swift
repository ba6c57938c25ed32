// Differential check of LinearRegex against an oracle: reads "pattern<TAB>text" lines on stdin and prints
// the first match as "start end" in scalars, "-" for none, "ERR" for a pattern it rejects. Driven by
// Benchmarks/fuzz/regex_differential.py, which compares with Python's re.

import Sandbox

// Reads lines "pattern<TAB>text" (with \n written as \\n) and prints "start end" of the first match in scalars, "-" or "ERR".
while let line = readLine() {
    let parts = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
    guard parts.count == 2 else { print("BAD"); continue }
    let pattern = String(parts[0])
    let text = String(parts[1])
    guard let regex = try? LinearRegex(pattern: pattern) else { print("ERR"); continue }
    guard let m = regex.firstMatch(text) else { print(regex.search(text) ? "MISMATCH" : "-"); continue }
    let s = text.unicodeScalars.distance(from: text.startIndex, to: m.range.lowerBound)
    let e = text.unicodeScalars.distance(from: text.startIndex, to: m.range.upperBound)
    print(regex.search(text) ? "\(s) \(e)" : "MISMATCH")
}
