import Foundation

/// The keyset position `(started_at, id)` of the last run on a page, encoded as opaque base64url text.
struct RunCursor: Equatable {
    let startedAt: Int64
    let id: String

    var encoded: String {
        Data("v1:\(startedAt):\(id)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    init(startedAt: Int64, id: String) {
        self.startedAt = startedAt
        self.id = id
    }

    /// Decodes a cursor from a client; anything malformed is `invalidCursor`.
    init(decoding text: String) throws(AnalyticsError) {
        let invalid = AnalyticsError(.invalidCursor, "cursor is not one this server returned")
        guard text.count <= 1_024 else { throw invalid }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let plain = String(data: data, encoding: .utf8) else { throw invalid }
        let parts = plain.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "v1", let startedAt = Int64(parts[1]), !parts[2].isEmpty else { throw invalid }
        self.startedAt = startedAt
        self.id = String(parts[2])
    }
}
