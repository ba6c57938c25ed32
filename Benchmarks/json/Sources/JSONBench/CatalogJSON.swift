import Catalog

/// Catalog's JSON in this file only (Catalog and Sandbox both name a type `JSONValue`, and `Catalog` is also a type).
enum CatalogJSON {
    typealias Value = JSONValue
    static func parse(_ bytes: [UInt8]) throws -> JSONValue { try JSONParser.parse(bytes: bytes) }
    static func serialize(_ value: JSONValue, sortedKeys: Bool) -> String { value.serialized(sortedKeys: sortedKeys) }
}
