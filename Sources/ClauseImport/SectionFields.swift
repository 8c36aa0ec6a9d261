import ClauseDiagnostics
import ClauseExpression
import ClauseRules
import ClauseValue
import Foundation

/// A value written in a manifest or preset, and where.
struct Located<T: Sendable>: Sendable {
    var value: T
    var mark: SourceMark
    var source: SourceText

    var location: SourceLocation { SourceLocation(file: source.name, mark: mark) }
}

/// The fields of a section entry (or a preset) as written, before a preset and the manifest
/// are merged and the expressions compiled with the variables the joins declare.
struct SectionFields {
    struct JoinFields {
        var name: Located<String>
        var export = ExportFields()
        var on: Located<String>?
        var to: Located<String>?
    }

    /// What every export source says: where the file is and how to read it.
    struct ExportFields {
        var from: Located<String>?
        var format: Located<String>?
        var delimiter: Located<String>?
        var records: Located<String>?
        var missing: [String]?
        var filter: Located<String>?

        func overridden(by other: ExportFields) -> ExportFields {
            ExportFields(from: other.from ?? from, format: other.format ?? format, delimiter: other.delimiter ?? delimiter,
                         records: other.records ?? records, missing: other.missing ?? missing, filter: other.filter ?? filter)
        }
    }

    var preset: (String, SourceMark)?
    var export = ExportFields()
    var key: Located<String>?
    var latestBy: Located<String>?
    var joins: [JoinFields] = []
    var map: [(String, Located<String>)] = []
    var values: [String: Located<[String: Value]>] = [:]
    var provenance: [(String, Located<Value>)] = []

    static let exportKeys = ["from", "format", "delimiter", "records", "missing", "filter"]
    static let sectionKeys = exportKeys + ["key", "latest_by", "join", "map", "values", "system", "export", "extracted_at", "covers"]

    static func read(_ r: inout FieldReader, preset: Bool) -> SectionFields {
        var f = SectionFields()
        if !preset, let name = r.string("preset", required: false), let (_, mark) = r.raw("preset", required: false) { f.preset = (name, mark) }
        if preset {
            _ = r.string("description", required: true)
            _ = r.string("section", required: true)
        }
        f.export = readExport(&r)
        f.key = text(&r, "key")
        f.latestBy = text(&r, "latest_by")
        if (f.key == nil) != (f.latestBy == nil), let (_, mark) = r.raw(f.key == nil ? "latest_by" : "key", required: false) {
            r.error(at: mark, "'key' and 'latest_by' go together: rows with the same key are one record, the latest kept")
        }
        if let (value, mark) = r.raw("join", required: false) {
            if case .list(let list) = value {
                for i in 0..<list.count {
                    var local: [Diagnostic] = []
                    var j = FieldReader(list[i], mark: list.mark(at: i), source: r.source, what: "a join", diagnostics: &local)
                    if let name = j.string("name", required: true), let (_, m) = j.raw("name", required: true) {
                        var join = JoinFields(name: Located(value: name, mark: m, source: r.source))
                        join.export = readExport(&j)
                        join.on = text(&j, "on")
                        join.to = text(&j, "to")
                        f.joins.append(join)
                    }
                    j.finish(allowed: ["name", "on", "to"] + exportKeys)
                    r.diagnostics += local + j.diagnostics
                }
            } else {
                r.error(at: mark, "'join' must be a list of joins, not \(FieldReader.kind(value))")
            }
        }
        if let (value, mark) = r.raw("map", required: false) {
            if case .map(let m) = value {
                for i in 0..<m.count {
                    guard case .string(let target) = m.keys[i] else { r.error(at: m.mark(at: i), "a mapped field name must be a string"); continue }
                    switch m.values[i] {
                    case .string(let s): f.map.append((target, Located(value: s, mark: m.mark(at: i), source: r.source)))
                    case .bool, .int, .uint, .double:
                        f.map.append((target, Located(value: FieldReader.scalarText(at: m.mark(at: i), in: r.source) ?? "", mark: m.mark(at: i), source: r.source)))
                    default: r.error(at: m.mark(at: i), "'map.\(target)' must be an expression (a string), not \(FieldReader.kind(m.values[i]))")
                    }
                }
            } else {
                r.error(at: mark, "'map' must be a mapping of snapshot field to expression, not \(FieldReader.kind(value))")
            }
        }
        if let (value, mark) = r.raw("values", required: false) {
            if case .map(let m) = value {
                for i in 0..<m.count {
                    guard case .string(let target) = m.keys[i], case .map(let table) = m.values[i] else {
                        r.error(at: m.mark(at: i), "'values' maps a field name to a mapping of export value to snapshot value")
                        continue
                    }
                    var entries: [String: Value] = [:]
                    for k in 0..<table.count {
                        let keyMark = k < table.keyMarks.count ? table.keyMarks[k] : table.mark(at: k)
                        let key: String
                        switch table.keys[k] {
                        case .string(let s): key = s
                        case .int, .uint, .double, .bool: key = FieldReader.scalarText(at: keyMark, in: r.source) ?? ""
                        default: r.error(at: keyMark, "an export value must be a scalar"); continue
                        }
                        switch table.values[k] {
                        case .string, .int, .uint, .double, .bool: entries[key] = table.values[k]
                        default: r.error(at: table.mark(at: k), "'values.\(target)' maps to scalars, not \(FieldReader.kind(table.values[k]))")
                        }
                    }
                    f.values[target] = Located(value: entries, mark: m.mark(at: i), source: r.source)
                }
            } else {
                r.error(at: mark, "'values' must be a mapping, not \(FieldReader.kind(value))")
            }
        }
        for (key, name) in [("system", "system"), ("export", "export"), ("extracted_at", "extracted_at"), ("covers", "period")] {
            if let (value, mark) = r.raw(key, required: false) { f.provenance.append((name, Located(value: value, mark: mark, source: r.source))) }
        }
        r.finish(allowed: sectionKeys + (preset ? ["description", "section"] : ["preset"]))
        return f
    }

    private static func readExport(_ r: inout FieldReader) -> ExportFields {
        var e = ExportFields()
        e.from = located(&r, "from")
        e.format = located(&r, "format")
        e.delimiter = located(&r, "delimiter")
        e.records = located(&r, "records")
        e.missing = r.strings("missing", required: false)?.map(\.0)
        e.filter = text(&r, "filter")
        return e
    }

    private static func located(_ r: inout FieldReader, _ key: String) -> Located<String>? {
        guard let s = r.string(key, required: false), let (_, mark) = r.raw(key, required: false) else { return nil }
        return Located(value: s, mark: mark, source: r.source)
    }

    private static func text(_ r: inout FieldReader, _ key: String) -> Located<String>? {
        guard let (value, mark) = r.raw(key, required: false) else { return nil }
        switch value {
        case .string(let s): return Located(value: s, mark: mark, source: r.source)
        case .bool, .int, .uint, .double: return Located(value: FieldReader.scalarText(at: mark, in: r.source) ?? "", mark: mark, source: r.source)
        default:
            r.error(at: mark, "'\(key)' must be an expression (a string), not \(FieldReader.kind(value))")
            return nil
        }
    }

    /// This preset with the manifest's entry over it: its fields win, `map` and `values` field
    /// by field, joins by name.
    func overridden(by m: SectionFields) -> SectionFields {
        var out = self
        out.preset = m.preset
        out.export = export.overridden(by: m.export)
        if m.key != nil || m.latestBy != nil { out.key = m.key; out.latestBy = m.latestBy }
        for join in m.joins {
            if let i = out.joins.firstIndex(where: { $0.name.value == join.name.value }) {
                out.joins[i].export = out.joins[i].export.overridden(by: join.export)
                out.joins[i].on = join.on ?? out.joins[i].on
                out.joins[i].to = join.to ?? out.joins[i].to
            } else {
                out.joins.append(join)
            }
        }
        for (target, expression) in m.map {
            if let i = out.map.firstIndex(where: { $0.0 == target }) { out.map[i] = (target, expression) } else { out.map.append((target, expression)) }
        }
        for (target, table) in m.values { out.values[target] = table }
        for (name, value) in m.provenance {
            if let i = out.provenance.firstIndex(where: { $0.0 == name }) { out.provenance[i] = (name, value) } else { out.provenance.append((name, value)) }
        }
        return out
    }
}
