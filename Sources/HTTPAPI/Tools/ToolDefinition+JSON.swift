public import Catalog

extension ToolDefinition {
    /// The entry of `GET /v1/tools`: name, description, signature, tags, effect, binding type.
    public var summaryJSON: JSONValue {
        var object = JSONObject()
        object["name"] = .string(name)
        object["description"] = .string(description)
        object["signature"] = .string(signature)
        object["tags"] = .array(tags.map { .string($0) })
        object["effect"] = .string(effect.rawValue)
        object["binding"] = .string(binding.kind)
        return .object(object)
    }

    /// The body of `GET /v1/tools/{name}`: the definition as written in the catalog, plus its
    /// `signature` and the `file` it came from.
    public var detailJSON: JSONValue {
        var object: JSONObject
        if case .object(let written) = source {
            object = written
        } else {
            object = JSONObject()
            object["name"] = .string(name)
            object["description"] = .string(description)
            object["tags"] = .array(tags.map { .string($0) })
            object["effect"] = .string(effect.rawValue)
            object["binding"] = .object(JSONObject([("type", .string(binding.kind))]))
        }
        object["signature"] = .string(signature)
        object["file"] = .string(file)
        return .object(object)
    }
}
