import ClauseDiagnostics
import ClauseExpression
import ClauseValue

/// The keywords of one schema object: each is checked for the type of value it takes, and
/// anything unknown is an error, so a mistake in a schema is found when it is loaded.
extension SchemaCompiler {
    mutating func compileObject(_ map: ValueMap, mark: SourceMark, at pointer: JSONPointer, index: Int32) -> SchemaNode {
        var node = SchemaNode()
        var properties: [(String, Int32)] = []
        var required: [String] = []
        var additional: Int32 = -1
        var prefixItems: [Int32] = [], items: Int32 = -1, minItems: Int?, maxItems: Int?, uniqueItems = false
        var minLength: Int?, maxLength: Int?, pattern: RegularExpression?, format: SchemaFormat?
        var minimum: Value?, maximum: Value?, exclusiveMinimum: Value?, exclusiveMaximum: Value?
        let isRoot = pointer.tokens.isEmpty

        for i in 0..<map.count {
            let entry = map.entry(at: i)
            let keyMark = entry.keyMark.isKnown ? entry.keyMark : mark
            let valueMark = entry.valueMark.isKnown ? entry.valueMark : keyMark
            let value = entry.value
            guard case .string(let keyword) = entry.key else {
                error(keyMark, "a schema keyword must be a string, not \(ValueText.quoted(entry.key))")
                continue
            }
            let here = pointer.appending(keyword)

            /// Reports a keyword whose value has the wrong type.
            func expected(_ what: String) -> Diagnostic {
                Diagnostic(.error, at: SourceLocation(file: file, mark: valueMark),
                           "'\(keyword)' must be \(what), not \(ValueText.quoted(value))")
            }

            switch keyword {
            case "$schema":
                guard let text = value.stringValue else { diagnose(expected("a string")); continue }
                if !isRoot {
                    error(keyMark, "'$schema' is only supported in the root schema (embedded schema resources are not)")
                } else if !SchemaKeywords.dialects.contains(text) {
                    error(valueMark, "'$schema' names '\(text)'; only JSON Schema draft 2020-12 (https://json-schema.org/draft/2020-12/schema) is supported")
                }
            case "$id":
                guard let text = value.stringValue else { diagnose(expected("a string")); continue }
                if !isRoot {
                    error(keyMark, "'$id' is only supported in the root schema (embedded schema resources are not)")
                } else if let hash = text.firstIndex(of: "#"), text.index(after: hash) != text.endIndex {
                    error(valueMark, "'$id' must not have a fragment other than an empty one")
                } else {
                    setRootID(text)
                }
            case "$defs":
                guard case .map(let defs) = value else { diagnose(expected("an object of schemas")); continue }
                for (name, schema, schemaMark) in stringEntries(defs, fallback: valueMark, keyword: keyword) {
                    _ = compileSchema(schema, mark: schemaMark, at: here.appending(name))
                }
            case "$ref":
                guard let text = value.stringValue else { diagnose(expected("a string")); continue }
                addReference(text, mark: valueMark, from: index)
            case "type":
                if let types = typeSet(value, mark: valueMark) { node.types = types }
            case "properties":
                guard case .map(let props) = value else { diagnose(expected("an object of schemas")); continue }
                for (name, schema, schemaMark) in stringEntries(props, fallback: valueMark, keyword: keyword) {
                    properties.append((name, compileSchema(schema, mark: schemaMark, at: here.appending(name))))
                }
            case "required":
                guard let names = uniqueStrings(value) else { diagnose(expected("a list of unique strings")); continue }
                required = names
            case "additionalProperties":
                additional = compileSchema(value, mark: valueMark, at: here)
            case "items":
                items = compileSchema(value, mark: valueMark, at: here)
            case "prefixItems":
                guard let schemas = schemaList(value, mark: valueMark, at: here) else { diagnose(expected("a non-empty list of schemas")); continue }
                prefixItems = schemas
            case "minItems", "maxItems", "minLength", "maxLength":
                guard let n = nonNegativeInteger(value) else { diagnose(expected("a non-negative integer")); continue }
                switch keyword {
                case "minItems": minItems = n
                case "maxItems": maxItems = n
                case "minLength": minLength = n
                default: maxLength = n
                }
            case "uniqueItems":
                guard case .bool(let unique) = value else { diagnose(expected("true or false")); continue }
                uniqueItems = unique
            case "pattern":
                guard let text = value.stringValue else { diagnose(expected("a string")); continue }
                do {
                    pattern = try RegularExpression(text)
                } catch {
                    self.error(valueMark, "'pattern' is not a valid regular expression (RE2 syntax): \(error.message)")
                }
            case "format":
                guard let text = value.stringValue else { diagnose(expected("a string")); continue }
                guard let known = SchemaFormat(rawValue: text) else {
                    let names = SchemaFormat.allCases.map(\.rawValue)
                    error(valueMark, "format '\(text)' is not supported; Clause checks \(names.joined(separator: ", "))",
                          notes: Suggestion.closest(to: text, among: names).map { ["did you mean '\($0)'?"] } ?? [])
                    continue
                }
                format = known
            case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum":
                guard isNumber(value) else { diagnose(expected("a number")); continue }
                switch keyword {
                case "minimum": minimum = value
                case "maximum": maximum = value
                case "exclusiveMinimum": exclusiveMinimum = value
                default: exclusiveMaximum = value
                }
            case "enum":
                guard case .list(let values) = value else { diagnose(expected("a list")); continue }
                node.enumeration = EnumRules(Array(values))
            case "const":
                node.const = value
            case "anyOf", "oneOf", "allOf":
                guard let schemas = schemaList(value, mark: valueMark, at: here) else { diagnose(expected("a non-empty list of schemas")); continue }
                switch keyword {
                case "anyOf": node.anyOf = schemas
                case "oneOf": node.oneOf = schemas
                default: node.allOf = schemas
                }
            case "not":
                node.not = compileSchema(value, mark: valueMark, at: here)
            case "title", "description", "$comment":
                if value.stringValue == nil { diagnose(expected("a string")) }
            case "deprecated", "readOnly", "writeOnly":
                if case .bool = value {} else { diagnose(expected("true or false")) }
            case "examples":
                if value.listValue == nil { diagnose(expected("a list")) }
            case "default":
                break
            default:
                if keyword.hasPrefix("x-") { continue }
                if SchemaKeywords.unsupported.contains(keyword) {
                    error(keyMark, "'\(keyword)' is a JSON Schema keyword Clause does not support")
                } else {
                    error(keyMark, "unknown schema keyword '\(keyword)'",
                          notes: Suggestion.closest(to: keyword, among: SchemaKeywords.known).map { ["did you mean '\($0)'?"] } ?? [])
                }
            }
        }

        if !properties.isEmpty || !required.isEmpty || additional >= 0 {
            node.object = ObjectRules(properties: properties, required: required, additional: additional, memoBase: reserveMemo())
        }
        if !prefixItems.isEmpty || items >= 0 || minItems != nil || maxItems != nil || uniqueItems {
            node.array = ArrayRules(prefixItems: prefixItems, items: items, minItems: minItems, maxItems: maxItems, uniqueItems: uniqueItems)
        }
        if minLength != nil || maxLength != nil || pattern != nil || format != nil {
            node.string = StringRules(minLength: minLength, maxLength: maxLength, pattern: pattern, format: format)
        }
        if minimum != nil || maximum != nil || exclusiveMinimum != nil || exclusiveMaximum != nil {
            node.number = NumberRules(minimum: minimum, maximum: maximum, exclusiveMinimum: exclusiveMinimum, exclusiveMaximum: exclusiveMaximum)
        }
        return node
    }

    private mutating func diagnose(_ diagnostic: Diagnostic) {
        error(diagnostic.location.mark, diagnostic.message)
    }

    /// The entries of a map of named schemas; a key that is not a string is reported.
    private mutating func stringEntries(_ map: ValueMap, fallback: SourceMark, keyword: String) -> [(String, Value, SourceMark)] {
        var out: [(String, Value, SourceMark)] = []
        for i in 0..<map.count {
            let entry = map.entry(at: i)
            guard case .string(let name) = entry.key else {
                error(entry.keyMark.isKnown ? entry.keyMark : fallback, "the names under '\(keyword)' must be strings, not \(ValueText.quoted(entry.key))")
                continue
            }
            out.append((name, entry.value, entry.valueMark.isKnown ? entry.valueMark : fallback))
        }
        return out
    }

    /// `anyOf`, `oneOf`, `allOf` and `prefixItems`: a non-empty list of schemas.
    private mutating func schemaList(_ value: Value, mark: SourceMark, at pointer: JSONPointer) -> [Int32]? {
        guard case .list(let list) = value, !list.isEmpty else { return nil }
        return (0..<list.count).map { i in
            let elementMark = list.mark(at: i)
            return compileSchema(list[i], mark: elementMark.isKnown ? elementMark : mark, at: pointer.appending(String(i)))
        }
    }

    /// `type`: one name or a non-empty list of unique names.
    private mutating func typeSet(_ value: Value, mark: SourceMark) -> JSONTypeSet? {
        let names: [String]
        switch value {
        case .string(let name): names = [name]
        case .list(let list) where !list.isEmpty:
            guard let unique = uniqueStrings(value), unique.count == list.count else {
                error(mark, "'type' must be a type name or a non-empty list of unique type names")
                return nil
            }
            names = unique
        default:
            error(mark, "'type' must be a type name or a non-empty list of unique type names, not \(ValueText.quoted(value))")
            return nil
        }
        var types: JSONTypeSet = []
        for name in names {
            guard let type = JSONTypeSet(name: name) else {
                let known = JSONTypeSet.named.map(\.0)
                error(mark, "'\(name)' is not a JSON Schema type (\(known.joined(separator: ", ")))",
                      notes: Suggestion.closest(to: name, among: known).map { ["did you mean '\($0)'?"] } ?? [])
                return nil
            }
            types.formUnion(type)
        }
        return types
    }

    /// A list of strings, each once; nil when it is anything else.
    private func uniqueStrings(_ value: Value) -> [String]? {
        guard case .list(let list) = value else { return nil }
        var out: [String] = []
        var seen = Set<String>()
        for element in list {
            guard case .string(let s) = element, seen.insert(s).inserted else { return nil }
            out.append(s)
        }
        return out
    }

    /// A count keyword's value: an integer, or a number with no fraction (2.0), not negative.
    private func nonNegativeInteger(_ value: Value) -> Int? {
        switch value {
        case .int(let i) where i >= 0: return Int(i)
        case .uint(let u): return Int(clamping: u)
        case .double(let d) where d >= 0 && d.isFinite && d.rounded(.towardZero) == d:
            return d >= Double(Int.max) ? Int.max : Int(d)
        default: return nil
        }
    }

    private func isNumber(_ value: Value) -> Bool {
        switch value {
        case .int, .uint: true
        case .double(let d): d.isFinite
        default: false
        }
    }
}
