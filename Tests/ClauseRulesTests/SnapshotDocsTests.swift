import Foundation
import Testing

/// docs/snapshot.md is what organisations read to build a snapshot; the pack's schema is what
/// Clause enforces. They must say the same thing: every section and field, its type, whether
/// it is required, and the allowed values of every closed set.
@Suite struct SnapshotDocsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// What one path says: its type in the docs' words, whether required, its allowed values.
    struct Entry: Equatable {
        var type: String
        var required: Bool
        var values: [String]?
    }

    static func schema() throws -> [String: Any] {
        let data = try Data(contentsOf: root.appendingPathComponent("rules/iso20000-1/snapshot.schema.json"))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    /// A schema node with its `$ref` (a local pointer) followed, sibling keywords kept.
    static func resolve(_ node: [String: Any], in schema: [String: Any]) -> [String: Any] {
        var node = node
        while let ref = node["$ref"] as? String, ref.hasPrefix("#/") {
            var target: Any = schema
            for part in ref.dropFirst(2).split(separator: "/") { target = (target as? [String: Any])?[String(part)] ?? [:] }
            var merged = target as? [String: Any] ?? [:]
            for (k, v) in node where k != "$ref" { merged[k] = v }
            node = merged
        }
        return node
    }

    static func typeName(_ raw: [String: Any], in schema: [String: Any]) -> String {
        let node = resolve(raw, in: schema)
        switch node["type"] as? String {
        case "object": return "map"
        case "array": return "list of " + typeName(node["items"] as? [String: Any] ?? [:], in: schema)
        case "integer": return "int"
        case "boolean": return "bool"
        case "number": return "number"
        default:
            switch node["format"] as? String {
            case "date": return "date"
            case "past-date": return "past date"
            case "date-time": return "date-time"
            case "past-date-time": return "past date-time"
            default: return (node["x-ref"] as? String).map { "ref `\($0)`" } ?? "string"
            }
        }
    }

    /// Every path of the schema (`services[].sla.targets`), `sources.*` standing for all sources.
    static func schemaEntries() throws -> [String: Entry] {
        let schema = try schema()
        var out: [String: Entry] = [:]
        func walk(_ raw: [String: Any], _ path: String) {
            var node = resolve(raw, in: schema)
            var path = path
            if node["type"] as? String == "array" {
                node = resolve(node["items"] as? [String: Any] ?? [:], in: schema)
                path += "[]"
            }
            guard node["type"] as? String == "object", var properties = node["properties"] as? [String: Any] else { return }
            let required = Set(node["required"] as? [String] ?? [])
            if path == "sources", let first = properties.keys.sorted().first { properties = ["*": properties[first] as Any] }
            for (name, sub) in properties {
                let subNode = resolve(sub as? [String: Any] ?? [:], in: schema)
                let p = path.isEmpty ? name : path + "." + name
                let key = p.hasSuffix("[]") ? String(p.dropLast(2)) : p
                out[key] = Entry(type: typeName(sub as? [String: Any] ?? [:], in: schema), required: required.contains(name),
                                 values: (subNode["enum"] as? [Any])?.map { "\($0)" }.sorted())
                walk(subNode, p)
            }
        }
        walk(schema, "")
        return out
    }

    /// Every row of the docs' tables, by the conventions written at the top of docs/snapshot.md.
    static func docEntries() throws -> (entries: [String: Entry], duplicates: [String]) {
        let text = try String(contentsOf: root.appendingPathComponent("docs/snapshot.md"), encoding: .utf8)
        var entries: [String: Entry] = [:]
        var duplicates: [String] = []
        func row(_ line: String) -> (path: String, type: String, meaning: String)? {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 5, cells[1].hasPrefix("`"), cells[1].hasSuffix("`"), cells[1].count > 2 else { return nil }
            return (String(cells[1].dropFirst().dropLast()), cells[2], cells[3...].dropLast().joined(separator: "|"))
        }
        func add(_ path: String, _ type: String, _ meaning: String) {
            let key = path.hasSuffix("[]") ? String(path.dropLast(2)) : path
            let required = type.hasSuffix(", required")
            let bare = required ? String(type.dropLast(", required".count)) : type
            var values: [String] = []
            var rest = Substring(meaning)
            while let open = rest.firstIndex(of: "`"), let close = rest[rest.index(after: open)...].firstIndex(of: "`") {
                values.append(String(rest[rest.index(after: open)..<close]))
                rest = rest[rest.index(after: close)...]
            }
            if entries[key] != nil { duplicates.append(key) }
            entries[key] = Entry(type: bare, required: required, values: values.sorted())
        }
        guard let top = text.components(separatedBy: "## Top-level sections").dropFirst().first?.components(separatedBy: "## Fields").first,
              let fields = text.components(separatedBy: "## Fields").dropFirst().first?.components(separatedBy: "## Example").first
        else { return ([:], ["docs/snapshot.md lacks its 'Top-level sections' or 'Fields' heading"]) }
        for line in top.split(separator: "\n") { if let r = row(String(line)) { add(r.path, r.type, r.meaning) } }
        for block in fields.components(separatedBy: "\n### ").dropFirst() {
            let heading = block.prefix { $0 != "\n" }.trimmingCharacters(in: .whitespaces)
            let prefix = heading.hasPrefix("`") && heading.hasSuffix("`") && heading.filter({ $0 == "`" }).count == 2
                ? String(heading.dropFirst().dropLast()) : ""
            for line in block.split(separator: "\n").dropFirst() {
                if let r = row(String(line)) { add(prefix.isEmpty ? r.path : prefix + "." + r.path, r.type, r.meaning) }
            }
        }
        return (entries, duplicates)
    }

    @Test func everySchemaPathIsDocumentedAndEveryDocumentedPathIsInTheSchema() throws {
        let schema = try Self.schemaEntries()
        let (docs, duplicates) = try Self.docEntries()
        #expect(duplicates.isEmpty, "documented twice: \(duplicates)")
        #expect(schema.count > 100)
        #expect(Set(schema.keys).subtracting(docs.keys).sorted() == [], "in the schema, not in docs/snapshot.md")
        #expect(Set(docs.keys).subtracting(schema.keys).sorted() == [], "in docs/snapshot.md, not in the schema")
    }

    @Test func typesRequirednessAndAllowedValuesAgree() throws {
        let schema = try Self.schemaEntries()
        let (docs, _) = try Self.docEntries()
        for (path, entry) in schema.sorted(by: { $0.key < $1.key }) {
            guard let doc = docs[path] else { continue }
            #expect(doc.type == entry.type, "type of \(path): schema \(entry.type), docs \(doc.type)")
            if path != "sources.*" { #expect(doc.required == entry.required, "required of \(path): schema \(entry.required), docs \(doc.required)") }
            if let values = entry.values { #expect(doc.values == values, "allowed values of \(path): schema \(values), docs \(doc.values ?? [])") }
        }
    }

    @Test func everySectionHasAProvenanceEntry() throws {
        let schema = try Self.schema()
        let properties = schema["properties"] as? [String: Any] ?? [:]
        let sources = ((properties["sources"] as? [String: Any])?["properties"] as? [String: Any]) ?? [:]
        let sections = Set(properties.keys).subtracting(["as_of", "period", "sources"])
        #expect(Set(sources.keys) == sections)
    }
}
