import Testing
@testable import Catalog

private func schema(_ text: String) throws -> JSONSchema {
    try JSONSchema.compile(try JSONParser.parse(text))
}

private func compileIssues(_ text: String) throws -> [String] {
    var issues: [SchemaIssue] = []
    _ = JSONSchema.compile(try JSONParser.parse(text), at: .root, issues: &issues)
    return issues.map(\.description)
}

@Suite struct SchemaCompileTests {
    @Test(arguments: [
        (#"{"type": "strin"}"#, #"$.type: unknown type "strin" (did you mean "string"?)"#),
        (#"{"type": ["string", 3]}"#, "$.type[1]: must be a string, found integer"),
        (#"{"type": []}"#, "$.type: must be a type name or a non-empty array of type names"),
        (#"{"requried": ["a"]}"#, #"$.requried: unsupported schema keyword "requried" (did you mean "required"?)"#),
        (#"{"properties": {"a": {}}, "required": ["b"]}"#, #"$.required[0]: required property "b" is not declared in properties"#),
        (#"{"minItems": 3, "maxItems": 2}"#, "$.minItems: minItems 3 is greater than maxItems 2"),
        (#"{"minLength": -1}"#, "$.minLength: must be a non-negative integer, found -1"),
        (#"{"minimum": 5, "maximum": 1}"#, "$.minimum: minimum 5 is greater than maximum 1"),
        (#"{"maximum": "9"}"#, "$.maximum: must be a number, found string"),
        (#"{"enum": []}"#, "$.enum: must be a non-empty array"),
        (#"{"enum": [1, 1]}"#, "$.enum[1]: duplicate enum value 1"),
        (#"{"type": "integer", "enum": [1, "a"]}"#, #"$.enum[1]: enum value does not match the schema: expected integer, found string "a""#),
        (#"{"type": "integer", "default": 1.5}"#, "$.default: default does not match the schema: expected integer, found number 1.5"),
        (#"{"properties": {"a": {"type": "nmber"}}}"#, #"$.properties.a.type: unknown type "nmber" (did you mean "number"?)"#),
        (#"{"items": 3}"#, "$.items: a schema must be an object or a boolean, found integer"),
        (#"{"additionalProperties": "no"}"#, "$.additionalProperties: must be a boolean or a schema, found string"),
        (#"{"anyOf": []}"#, "$.anyOf: must be a non-empty array of schemas"),
    ])
    func reportsSchemaProblems(text: String, expected: String) throws {
        #expect(try compileIssues(text) == [expected])
    }

    @Test func acceptsAnnotationsAndExtensions() throws {
        #expect(try compileIssues(#"{"title": "t", "description": "d", "examples": [1], "format": "date", "x-ui": 1, "$comment": "c"}"#).isEmpty)
    }

    @Test func collectsEveryIssue() throws {
        let issues = try compileIssues(#"{"type": "objct", "properties": {"a": {"type": "strin"}, "b": {"minimum": "x"}}}"#)
        #expect(issues.count == 3)
    }
}

@Suite struct ArgumentValidationTests {
    static let weather = """
        {"type": "object", "additionalProperties": false, "required": ["city"],
         "properties": {
           "city": {"type": "string", "minLength": 1, "maxLength": 5},
           "days": {"type": "integer", "minimum": 1, "maximum": 16, "default": 3},
           "units": {"enum": ["metric", "imperial"]},
           "ratio": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1},
           "tags": {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 2, "uniqueItems": true},
           "note": {"type": ["string", "null"]},
           "kind": {"const": "x"},
           "meta": {"type": "object", "additionalProperties": {"type": "integer"}},
           "choice": {"anyOf": [{"type": "integer"}, {"type": "string", "maxLength": 1}]}
         }}
        """

    @Test(arguments: [
        (#"{"city": "Paris"}"#, [String]()),
        (#"{"city": "Nice", "days": 16, "units": "metric", "ratio": 0.5, "tags": ["a"], "note": null, "kind": "x"}"#, []),
        (#"{"city": "Oslo", "days": 2.0, "meta": {"a": 1}, "choice": 7}"#, []),
        (#"{"city": "Oslo", "choice": "z"}"#, []),
        (#"{"city": "😀😀😀😀😀"}"#, []),
        ("{}", ["$.city: required property missing"]),
        (#"{"city": "Paris", "days": 40}"#, ["$.days: 40 is greater than maximum 16"]),
        (#"{"city": "Paris", "days": 0}"#, ["$.days: 0 is less than minimum 1"]),
        (#"{"city": "Paris", "days": 2.5}"#, ["$.days: expected integer, found number 2.5"]),
        (#"{"city": 3}"#, ["$.city: expected string, found integer 3"]),
        (#"{"city": ""}"#, ["$.city: string of length 0 is shorter than minLength 1"]),
        (#"{"city": "😀😀😀😀😀😀"}"#, ["$.city: string of length 6 is longer than maxLength 5"]),
        (#"{"city": "Rome", "units": "kelvin"}"#, [#"$.units: "kelvin" is not one of "metric", "imperial""#]),
        (#"{"city": "Rome", "ratio": 0}"#, ["$.ratio: 0 is not greater than exclusiveMinimum 0"]),
        (#"{"city": "Rome", "ratio": 1}"#, ["$.ratio: 1 is not less than exclusiveMaximum 1"]),
        (#"{"city": "Rome", "tags": []}"#, ["$.tags: array of 0 items has fewer than minItems 1"]),
        (#"{"city": "Rome", "tags": ["a", "b", "c"]}"#, ["$.tags: array of 3 items has more than maxItems 2"]),
        (#"{"city": "Rome", "tags": ["a", 2]}"#, ["$.tags[1]: expected string, found integer 2"]),
        (#"{"city": "Rome", "tags": ["a", "a"]}"#, [#"$.tags[1]: duplicate item "a" (uniqueItems)"#]),
        (#"{"city": "Rome", "note": 1}"#, ["$.note: expected string or null, found integer 1"]),
        (#"{"city": "Rome", "kind": "y"}"#, [#"$.kind: must be "x""#]),
        (#"{"city": "Rome", "meta": {"a": "1"}}"#, [#"$.meta.a: expected integer, found string "1""#]),
        (#"{"city": "Rome", "choice": "zz"}"#, ["$.choice: does not match any of the 2 allowed schemas"]),
        (#"{"city": "Rome", "zoom": 1}"#, ["$.zoom: unknown property (allowed: city, days, units, ratio, tags, note, kind, meta, choice)"]),
        (#"{"days": 99, "city": null}"#, ["$.days: 99 is greater than maximum 16", "$.city: expected string, found null"]),
        ("[]", ["$: expected object, found array"]),
    ])
    func validatesArguments(arguments: String, expected: [String]) throws {
        let s = try schema(Self.weather)
        let issues = s.validate(try JSONParser.parse(arguments)).map(\.description)
        #expect(issues == expected)
    }

    @Test func bigIntegersCompareExactly() throws {
        let s = try schema(#"{"type": "integer", "maximum": 9007199254740992}"#)
        #expect(s.validate(try JSONParser.parse("9007199254740992")).isEmpty)
        #expect(s.validate(try JSONParser.parse("9007199254740993")).count == 1)
    }

    @Test func patternUsesTheMatcherWhenGiven() throws {
        struct Prefix: SchemaPatternMatcher {
            func matches(pattern: String, text: String) throws -> Bool { text.hasPrefix(pattern) }
        }
        let s = try schema(#"{"type": "string", "pattern": "ab"}"#)
        #expect(s.validate("xyz").isEmpty)
        let options = SchemaValidationOptions(patternMatcher: Prefix())
        #expect(s.validate("abc", options: options).isEmpty)
        #expect(s.validate("xyz", options: options).map(\.description) == [#"$: "xyz" does not match pattern "ab""#])
    }

    @Test func stopsAtMaxIssues() throws {
        let s = try schema(#"{"type": "array", "items": {"type": "string"}}"#)
        let many = JSONValue.array(Array(repeating: 1, count: 50))
        let issues = s.validate(many, options: SchemaValidationOptions(maxIssues: 5))
        #expect(issues.count == 6)
        #expect(issues.last?.message.contains("maxIssues=5") == true)
    }

    @Test func falseSchemaRejects() throws {
        #expect(try schema("false").validate(1).map(\.description) == ["$: no value is allowed here"])
        #expect(try schema("true").validate(1).isEmpty)
    }

    @Test func fillsDefaults() throws {
        let s = try schema(Self.weather)
        let filled = s.applyingDefaults(to: ["city": "Rome"])
        #expect(filled == ["city": "Rome", "days": 3])
        #expect(s.applyingDefaults(to: ["city": "Rome", "days": 5]) == ["city": "Rome", "days": 5])
    }
}
