#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads API keys from a file: one a line, blank lines and `#` comments ignored.
enum APIKeyFile {
    static let maxBytes = 1 << 20

    static func read(_ path: String) -> Result<[String], ParseFailure> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(ParseFailure(reason: "cannot read the API key file \(path)"))
        }
        guard data.count <= maxBytes else {
            return .failure(ParseFailure(reason: "the API key file \(path) has \(data.count) bytes, more than the limit of \(maxBytes)"))
        }
        let text = String(decoding: data, as: UTF8.self)
        let keys = text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .map { $0.trimmingCharacters(in: " \t") }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        return .success(keys)
    }
}

extension Substring {
    func trimmingCharacters(in set: String) -> String { String(self).trimmingCharacters(in: set) }
}
