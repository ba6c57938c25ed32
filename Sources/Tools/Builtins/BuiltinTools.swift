public import Catalog

/// A builtin tool: a pure function of its arguments (plus the context's clock and regex engine).
public typealias BuiltinFunction = @Sendable (BuiltinArguments, BuiltinContext) throws(ToolError) -> JSONValue

/// The registry of builtin tools, by the `function` name their catalog binding uses.
public struct BuiltinTools: Sendable {
    /// Every builtin, by function name.
    public static let functions: [String: BuiltinFunction] = {
        var all: [String: BuiltinFunction] = [:]
        for table in [MathBuiltins.functions, StatsBuiltins.functions, DateTimeBuiltins.functions, TextBuiltins.functions,
                      JSONBuiltins.functions, UnitBuiltins.functions] {
            all.merge(table) { first, _ in first }
        }
        return all
    }()

    /// Names of every builtin function.
    public static var names: Set<String> { Set(functions.keys) }

    public let context: BuiltinContext

    public init(context: BuiltinContext = BuiltinContext()) {
        self.context = context
    }

    /// Whether a builtin called `function` exists.
    public func has(_ function: String) -> Bool {
        BuiltinTools.functions[function] != nil
    }

    /// Calls builtin `function` with `arguments` (a JSON object; validate it against the tool's schema first).
    public func call(_ function: String, arguments: JSONValue) throws(ToolError) -> JSONValue {
        guard let body = BuiltinTools.functions[function] else {
            throw ToolError(.unknownFunction, "no builtin function \"\(function)\"")
        }
        guard case .object(let object) = arguments else {
            throw ToolError(.invalidArgument, path: .root, "arguments must be an object, found \(arguments.typeName)")
        }
        return try body(BuiltinArguments(object, limits: context.limits), context)
    }

    /// Builtin functions named by `catalog`'s builtin bindings that have no implementation, and
    /// implementations no tool of the catalog binds. Both empty for a consistent pair.
    public static func mismatches(with catalog: Catalog) -> (unimplemented: [String], unbound: [String]) {
        var bound = Set<String>()
        var unimplemented: [String] = []
        for tool in catalog.tools {
            guard case .builtin(let function) = tool.binding else { continue }
            bound.insert(function)
            if functions[function] == nil { unimplemented.append("\(tool.name) → \(function)") }
        }
        return (unimplemented, names.subtracting(bound).sorted())
    }
}
