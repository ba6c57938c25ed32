#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import JSONCore
import Logging
import Synchronization

/// A swift-log handler writing one JSON object a line:
/// `{"ts":"2026-01-02T03:04:05.678Z","level":"info","logger":"quiver.http","msg":"...","request_id":"..."}`.
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    let write: @Sendable (String) -> Void

    init(label: String, level: Logger.Level, write: @escaping @Sendable (String) -> Void = JSONLogHandler.writeToStderr) {
        self.label = label
        self.logLevel = level
        self.write = write
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided, uniquingKeysWith: { _, new in new }) }
        if let extra = event.metadata { merged.merge(extra, uniquingKeysWith: { _, new in new }) }
        var line = JSONWriter(output: "")
        line.beginObject()
        line.key("ts")
        line.string(Self.timestamp())
        line.key("level")
        line.string(event.level.rawValue)
        line.key("logger")
        line.string(label)
        line.key("msg")
        line.string(event.message.description)
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) where !["ts", "level", "logger", "msg"].contains(key) {
            line.key(key)
            Self.render(value, into: &line)
        }
        line.endObject()
        write(line.output + "\n")
    }

    static func render(_ value: Logger.Metadata.Value, into out: inout JSONWriter<String>) {
        switch value {
        case .string(let s): out.string(s)
        case .stringConvertible(let c):
            let text = c.description
            if c is Int || c is Double || c is Int64 || c is UInt64 || c is Bool, !text.contains("nan"), !text.contains("inf") {
                out.raw(text)
            } else {
                out.string(text)
            }
        case .array(let items):
            out.beginArray()
            for item in items { render(item, into: &out) }
            out.endArray()
        case .dictionary(let dict):
            out.beginObject()
            for (key, item) in dict.sorted(by: { $0.key < $1.key }) {
                out.key(key)
                render(item, into: &out)
            }
            out.endObject()
        }
    }

    static func timestamp() -> String {
        Date.now.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }

    static let lock = Mutex(())

    @Sendable static func writeToStderr(_ line: String) {
        lock.withLock { _ in
            var bytes = Array(line.utf8)
            bytes.withUnsafeMutableBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let n = Glibc.write(2, raw.baseAddress?.advanced(by: offset), raw.count - offset)
                    if n <= 0 { break }
                    offset += n
                }
            }
        }
    }
}
