/// The keywords a schema may use, so that anything else is refused when the schema is compiled:
/// a misspelt `requried` must be an error, not a schema that quietly accepts everything.
enum SchemaKeywords {
    /// Keywords Clause compiles into checks or structure.
    static let supported: [String] = [
        "$schema", "$id", "$defs", "$ref", "type", "properties", "required", "additionalProperties",
        "items", "prefixItems", "enum", "const", "pattern", "format", "minimum", "maximum",
        "exclusiveMinimum", "exclusiveMaximum", "anyOf", "oneOf", "allOf", "not", "minItems",
        "maxItems", "minLength", "maxLength", "uniqueItems",
    ]

    /// Annotations: accepted and ignored, as they never change whether a value is valid.
    static let annotations: [String] = [
        "title", "description", "$comment", "examples", "default", "deprecated", "readOnly", "writeOnly",
    ]

    /// Draft 2020-12 keywords Clause does not implement; named as such in the error so that a
    /// user knows the schema is valid JSON Schema, only beyond this validator.
    static let unsupported: Set<String> = [
        "$anchor", "$dynamicRef", "$dynamicAnchor", "$vocabulary", "$recursiveRef", "$recursiveAnchor",
        "patternProperties", "propertyNames", "dependentSchemas", "dependentRequired", "dependencies",
        "unevaluatedProperties", "unevaluatedItems", "contains", "minContains", "maxContains",
        "if", "then", "else", "multipleOf", "minProperties", "maxProperties", "additionalItems",
        "contentEncoding", "contentMediaType", "contentSchema", "definitions",
    ]

    /// The dialects `$schema` may name.
    static let dialects: Set<String> = [
        "https://json-schema.org/draft/2020-12/schema", "https://json-schema.org/draft/2020-12/schema#",
    ]

    /// Every keyword a misspelling may be compared with.
    static var known: [String] { supported + annotations }
}
