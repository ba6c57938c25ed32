import JSONCore

/// The two small JSON shapes the store writes (a list of names, a list of scored hits), written with
/// JSONCore's writer: Foundation's JSONEncoder costs more than the SQLite insert itself on the writer's hot path.
enum JSONText {
    static func array(_ strings: [String]) -> String {
        var writer = JSONWriter(output: "")
        writer.beginArray()
        for s in strings { writer.string(s) }
        writer.endArray()
        return writer.output
    }

    static func hits(_ hits: [SearchRecord.Hit]) -> String {
        var writer = JSONWriter(output: "")
        writer.beginArray()
        for hit in hits {
            writer.beginObject()
            writer.key("score")
            writer.double(hit.score, nonFinite: "0")  // JSON has no NaN or infinity
            writer.key("tool")
            writer.string(hit.tool)
            writer.endObject()
        }
        writer.endArray()
        return writer.output
    }
}
