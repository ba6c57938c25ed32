import JSONCore

/// A minimal value model for the reader's tests: numbers keep their text, objects keep order and duplicates.
indirect enum Tree: Equatable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([Tree])
    case object([(String, Tree)])

    static func == (lhs: Tree, rhs: Tree) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }
}

struct TreeBuilder: JSONBuilder {
    var allowsDuplicates = false
    var maxNumberLength = 400

    func null() -> Tree { .null }
    func bool(_ value: Bool) -> Tree { .bool(value) }
    func string(_ value: String) -> Tree { .string(value) }
    func number(_ number: JSONNumberToken) -> Tree? {
        guard number.text.count <= maxNumberLength, number.finiteDouble != nil else { return nil }
        return .number(String(number.text))
    }
    func array(_ items: [Tree]) -> Tree { .array(items) }
    func beginObject() -> [(String, Tree)] { [] }
    func add(key: String, value: Tree, to object: inout [(String, Tree)]) -> Bool {
        if !allowsDuplicates, object.contains(where: { $0.0 == key }) { return false }
        object.append((key, value))
        return true
    }
    func object(_ object: [(String, Tree)]) -> Tree { .object(object) }
}
