import Foundation

extension Catalog {
    /// File names in a catalog directory that are not toolsets.
    public static let ignoredFiles: Set<String> = ["schema.json"]

    /// Loads every `*.json` file of `directory` (except `schema.json`), in name order. Files are
    /// named in messages as `directory/file.json`. Throws every problem found at once.
    public static func load(directory: String, options: CatalogLoadOptions = CatalogLoadOptions()) throws(CatalogError) -> Catalog {
        let trimmed = directory.count > 1 && directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: trimmed)
        } catch {
            throw CatalogError(issues: [CatalogIssue(file: trimmed, path: nil, message: "cannot read the catalog directory: \(error.localizedDescription)")])
        }
        var sources: [CatalogSource] = []
        var issues: [CatalogIssue] = []
        for name in names.sorted() where name.hasSuffix(".json") && !ignoredFiles.contains(name) && !name.hasPrefix(".") {
            let file = trimmed + "/" + name
            let attributes = try? FileManager.default.attributesOfItem(atPath: file)
            if let size = (attributes?[.size] as? NSNumber)?.intValue, size > options.maxFileBytes {
                issues.append(CatalogIssue(file: file, path: nil, message: "file of \(size) bytes exceeds the limit maxFileBytes=\(options.maxFileBytes)"))
                continue
            }
            guard let data = FileManager.default.contents(atPath: file) else {
                issues.append(CatalogIssue(file: file, path: nil, message: "cannot read the file"))
                continue
            }
            sources.append(CatalogSource(name: file, bytes: [UInt8](data)))
        }
        if sources.isEmpty && issues.isEmpty {
            issues.append(CatalogIssue(file: trimmed, path: nil, message: "no *.json toolset files in the catalog directory"))
        }
        do throws(CatalogError) {
            let catalog = try load(sources: sources, options: options)
            if !issues.isEmpty { throw CatalogError(issues: issues) }
            return catalog
        } catch {
            throw CatalogError(issues: issues + error.issues)
        }
    }

    /// Loads toolsets from memory, in the order given. Throws every problem found at once.
    public static func load(sources: [CatalogSource], options: CatalogLoadOptions = CatalogLoadOptions()) throws(CatalogError) -> Catalog {
        var issues: [CatalogIssue] = []
        var tools: [ToolDefinition] = []
        var firstDefinition: [String: (file: String, path: JSONPath)] = [:]
        for source in sources {
            let file = source.name
            if source.bytes.count > options.maxFileBytes {
                issues.append(CatalogIssue(file: file, path: nil, message: "file of \(source.bytes.count) bytes exceeds the limit maxFileBytes=\(options.maxFileBytes)"))
                continue
            }
            let document: JSONValue
            do throws(JSONParseError) {
                document = try JSONParser.parse(bytes: source.bytes, limits: JSONParser.Limits(maxDepth: options.maxDepth, maxBytes: options.maxFileBytes))
            } catch {
                issues.append(CatalogIssue(file: file, path: nil, message: error.message, line: error.line, column: error.column))
                continue
            }
            guard case .object(let root) = document else {
                issues.append(CatalogIssue(file: file, path: .root, message: "a toolset must be an object {\"tools\": [...]}, found \(document.typeName)"))
                continue
            }
            for key in root.keys where !["tools", "$schema", "description"].contains(key) && !key.hasPrefix("x-") {
                issues.append(CatalogIssue(file: file, path: JSONPath.root.appending(key), message: "unknown key \"\(key)\" (allowed: $schema, description, tools)"))
            }
            guard let list = root["tools"] else {
                issues.append(CatalogIssue(file: file, path: JSONPath.root.appending("tools"), message: "required key missing"))
                continue
            }
            guard case .array(let items) = list else {
                issues.append(CatalogIssue(file: file, path: JSONPath.root.appending("tools"), message: "must be an array, found \(list.typeName)"))
                continue
            }
            for (i, item) in items.enumerated() {
                let path = JSONPath.root.appending("tools").appending(index: i)
                var toolIssues: [SchemaIssue] = []
                let tool = ToolDefinition.decode(item, at: path, file: file, issues: &toolIssues)
                issues += toolIssues.map { CatalogIssue(file: file, path: $0.path, message: $0.message) }
                guard case .string(let name) = item["name"] ?? .null else { continue }
                let namePath = path.appending("name")
                if options.reservedNames.contains(name) {
                    issues.append(CatalogIssue(file: file, path: namePath, message: "tool name \"\(name)\" is reserved by the plan language"))
                }
                if let first = firstDefinition[name] {
                    issues.append(CatalogIssue(file: file, path: namePath, message: "duplicate tool name \"\(name)\" (first defined in \(first.file) at \(first.path))"))
                } else {
                    firstDefinition[name] = (file, path)
                }
                if let tool {
                    tools.append(tool)
                    if let matcher = options.patternMatcher {
                        var patternIssues: [SchemaIssue] = []
                        tool.parameters.checkPatterns(at: path.appending("parameters"), matcher: matcher, into: &patternIssues)
                        tool.result?.checkPatterns(at: path.appending("result"), matcher: matcher, into: &patternIssues)
                        issues += patternIssues.map { CatalogIssue(file: file, path: $0.path, message: $0.message) }
                    }
                }
            }
        }
        if firstDefinition.count > options.maxTools {
            issues.append(CatalogIssue(file: sources.last?.name ?? "", path: nil, message: "\(firstDefinition.count) tools exceed the limit maxTools=\(options.maxTools)"))
        }
        if !issues.isEmpty { throw CatalogError(issues: issues) }
        return Catalog(tools: tools)
    }
}

extension Catalog {
    /// Loads `directory` refusing tool names in `reservedNames` (the plan language's names, from the sandbox).
    public static func load(directory: String, reservedNames: Set<String>) throws(CatalogError) -> Catalog {
        try load(directory: directory, options: CatalogLoadOptions(reservedNames: reservedNames))
    }
}
