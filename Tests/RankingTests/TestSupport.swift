#if canImport(Glibc)
import Glibc
#endif
@testable import Ranking

/// A fresh temporary directory for one test.
func makeTemporaryDirectory() -> String {
    var template = Array("/tmp/quiver-ranking-XXXXXX".utf8CString)
    let made = template.withUnsafeMutableBufferPointer { buffer -> String? in
        guard let base = buffer.baseAddress, mkdtemp(base) != nil else { return nil }
        return String(cString: base)
    }
    return made ?? "/tmp"
}

func readFile(_ path: String) -> [UInt8] {
    guard let f = fopen(path, "rb") else { return [] }
    defer { fclose(f) }
    var out: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = fread(&buffer, 1, buffer.count, f)
        if n <= 0 { break }
        out += buffer[0..<n]
    }
    return out
}

func writeFile(_ path: String, _ bytes: [UInt8]) {
    guard let f = fopen(path, "wb") else { return }
    _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
    fclose(f)
}

func fileExists(_ path: String) -> Bool { access(path, F_OK) == 0 }

let sampleDocuments: [RankingDocument] = [
    RankingDocument(name: "get_weather", description: "Current weather and forecast for a city",
        parameters: [.init(name: "city", description: "City name")], tags: ["weather"]),
    RankingDocument(name: "send_email", description: "Send an email message to a recipient",
        parameters: [.init(name: "to", description: "Recipient address"), .init(name: "body", description: "Message text")]),
    RankingDocument(name: "convertCurrency", description: "Convert an amount between currencies using exchange rates",
        parameters: [.init(name: "amount", description: "Amount of money")], tags: ["finance"]),
    RankingDocument(name: "search_flights", description: "Find flights between two airports on a date", tags: ["travel"]),
    RankingDocument(name: "translate_text", description: "Translate text into another language"),
    RankingDocument(name: "stock_quote", description: "Latest stock price for a ticker symbol", tags: ["finance"]),
    RankingDocument(name: "calendar_add", description: "Add an event to the calendar"),
    RankingDocument(name: "news_headlines", description: "Top news headlines by topic"),
    RankingDocument(name: "unit_convert", description: "Convert units of length, mass and temperature"),
    RankingDocument(name: "image_caption", description: "Describe the content of an image"),
]
