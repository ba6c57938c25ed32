/// An incremental parser of `text/event-stream`: feed it bytes as they arrive, take the `data` of each
/// complete event. Lines end with LF, CRLF or CR; `data:` lines of one event are joined with "\n";
/// comments (":") and other fields are ignored. An event longer than `maxEventBytes` is an error.
struct ServerSentEvents {
    let maxEventBytes: Int
    private var line: [UInt8] = []
    private var data: [UInt8] = []
    private var hasData = false
    private var lastWasCR = false

    init(maxEventBytes: Int) { self.maxEventBytes = maxEventBytes }

    struct TooLarge: Error {}

    /// The `data` of each event completed by `bytes`.
    mutating func feed(_ bytes: [UInt8]) throws(TooLarge) -> [String] {
        var events: [String] = []
        for byte in bytes {
            if lastWasCR && byte == 10 {
                lastWasCR = false
                continue
            }
            lastWasCR = byte == 13
            if byte == 10 || byte == 13 {
                if let event = endLine() { events.append(event) }
            } else {
                line.append(byte)
                if line.count + data.count > maxEventBytes { throw TooLarge() }
            }
        }
        return events
    }

    /// At the end of the stream: the data of an event whose last line ended but whose blank line never came.
    mutating func finish() -> String? {
        if !line.isEmpty { line.removeAll() }  // an unterminated line is incomplete: drop it
        guard hasData else { return nil }
        return dispatch()
    }

    private mutating func endLine() -> String? {
        defer { line.removeAll(keepingCapacity: true) }
        if line.isEmpty { return hasData ? dispatch() : nil }
        if line.first == 58 { return nil }  // ":" comment
        var field = line[...]
        var value: ArraySlice<UInt8> = []
        if let colon = line.firstIndex(of: 58) {
            field = line[..<colon]
            value = line[(colon + 1)...]
            if value.first == 32 { value = value.dropFirst() }
        }
        if field.elementsEqual("data".utf8) {
            if hasData { data.append(10) }
            data += value
            hasData = true
        }
        return nil
    }

    private mutating func dispatch() -> String {
        let text = String(decoding: data, as: UTF8.self)
        data.removeAll(keepingCapacity: true)
        hasData = false
        return text
    }
}
