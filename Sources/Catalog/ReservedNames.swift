extension Catalog {
    /// Names a tool may not take because the plan language gives them a meaning: CEL keywords and
    /// reserved words, literals, macros, standard functions and type names, the statement words
    /// `let`/`return`/`input`, and the names of the `strings` and `math` extensions.
    public static let defaultReservedNames: Set<String> = [
        // Keywords, literals and words CEL reserves.
        "true", "false", "null", "in", "as", "break", "const", "continue", "else", "for", "function", "if",
        "import", "let", "loop", "package", "namespace", "return", "var", "void", "while", "input",
        // Macros.
        "has", "all", "exists", "exists_one", "map", "filter", "optMap", "optFlatMap", "transformList", "transformMap",
        "sortBy", "cel",
        // Standard functions and conversions.
        "size", "int", "uint", "double", "string", "bytes", "bool", "type", "dyn", "duration", "timestamp", "matches",
        "contains", "startsWith", "endsWith", "list", "null_type", "google",
        // Timestamp and duration accessors.
        "getFullYear", "getMonth", "getDayOfYear", "getDayOfMonth", "getDate", "getDayOfWeek", "getHours", "getMinutes",
        "getSeconds", "getMilliseconds",
        // Extension namespaces.
        "math", "strings", "base64", "optional", "lists", "sets", "encoders",
        // strings extension.
        "charAt", "indexOf", "lastIndexOf", "lowerAscii", "upperAscii", "replace", "split", "join", "substring", "trim",
        "quote", "reverse", "format",
        // math extension.
        "greatest", "least", "ceil", "floor", "round", "trunc", "abs", "sign", "isInf", "isNaN", "isFinite", "bitAnd",
        "bitOr", "bitXor", "bitNot", "bitShiftLeft", "bitShiftRight", "sqrt",
    ]
}
