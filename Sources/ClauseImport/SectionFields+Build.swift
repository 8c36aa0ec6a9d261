import ClauseDiagnostics
import ClauseExpression
import ClauseRules
import ClauseValue
import Foundation

extension SectionFields {
    /// The section's import, with its files resolved inside the manifest's folder and its
    /// expressions compiled; nil when something is wrong (reported in `diagnostics`).
    func build(name: String, mark: SourceMark, folder: String, manifest: SourceText, diagnostics: inout [Diagnostic]) -> SectionImport? {
        let before = diagnostics.count
        func error(_ location: SourceLocation, _ message: String) { diagnostics.append(Diagnostic(.error, at: location, message)) }
        let here = SourceLocation(file: manifest.name, mark: mark)
        var joinNames: [String] = []
        for join in joins {
            let n = join.name.value
            if n == "row" || !n.allSatisfy({ $0 == "_" || $0.isLetter || $0.isNumber }) || n.first?.isNumber == true {
                error(join.name.location, "a join's name must be a variable name other than 'row', not '\(n)'")
            } else if joinNames.contains(n) {
                error(join.name.location, "two joins named '\(n)'")
            }
            joinNames.append(n)
        }
        let rowOnly = Environment(variables: ["row"])
        let full = Environment(variables: ["row"] + joinNames)
        func compile(_ text: Located<String>?, _ environment: Environment) -> Program? {
            guard let text else { return nil }
            do {
                return try Program.compile(text.value, environment: environment, origin: FieldReader.origin(at: text.mark, in: text.source))
            } catch {
                diagnostics += error.diagnostics
                return nil
            }
        }
        let primary = exportSpec(export, at: here, folder: folder, what: "section '\(name)'", diagnostics: &diagnostics)
        var builtJoins: [JoinSpec] = []
        for join in joins {
            let spec = exportSpec(join.export, at: join.name.location, folder: folder, what: "join '\(join.name.value)'", diagnostics: &diagnostics)
            if join.on == nil { error(join.name.location, "join '\(join.name.value)' has no 'on' (the value on the record being built)") }
            if join.to == nil { error(join.name.location, "join '\(join.name.value)' has no 'to' (the value on each joined row)") }
            if let spec, let on = compile(join.on, rowOnly), let to = compile(join.to, rowOnly) {
                var s = spec
                s.filter = compile(join.export.filter, rowOnly)
                s.columns += columns(in: join.to) + columns(in: join.export.filter)
                builtJoins.append(JoinSpec(name: join.name.value, export: s, on: on, to: to))
            }
        }
        if map.isEmpty { error(here, "section '\(name)' has no 'map' (snapshot field → expression), from the entry or its preset") }
        var fields: [FieldMapping] = []
        for (target, text) in map {
            let path = target.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            if path.contains(where: \.isEmpty) { error(text.location, "'\(target)' is not a field name"); continue }
            guard let program = compile(text, full) else { continue }
            // Only `row.<column>`: the cell is taken as it is, without evaluating.
            let direct = program.fieldPath.flatMap { $0.variable == "row" && $0.fields.count == 1 ? $0.fields[0] : nil }
            fields.append(FieldMapping(target: path, program: program, column: direct ?? Self.singleColumn(text.value), values: values[target]?.value,
                                       direct: direct != nil))
        }
        for (target, table) in values where !map.contains(where: { $0.0 == target }) {
            error(table.location, "'values' for '\(target)', which 'map' does not set")
        }
        if !provenance.contains(where: { $0.0 == "system" }) {
            error(here, "section '\(name)' does not say its 'system' (the system of record it was exported from)")
        }
        let filter = compile(export.filter, full)
        let key = compile(self.key, rowOnly)
        let latestBy = compile(self.latestBy, rowOnly)
        guard diagnostics.count == before, var spec = primary else { return nil }
        spec.filter = filter
        spec.columns += map.flatMap { columns(in: $0.1) } + columns(in: export.filter) + columns(in: self.key) + columns(in: self.latestBy)
            + joins.flatMap { columns(in: $0.on) }
        let texts: [Located<String>?] = map.map { $0.1 } + [export.filter, self.key, self.latestBy] + joins.map(\.on)
        if texts.allSatisfy({ $0.map { Self.readsRowByNameOnly($0.value) } ?? true }) {
            spec.onlyColumns = Set(spec.columns.map(\.name))
        }
        return SectionImport(name: name, mark: mark, export: spec, key: key, latestBy: latestBy, joins: builtJoins, fields: fields,
                             provenance: provenance.map { ($0.0, $0.1.value) })
    }

    private func exportSpec(_ e: ExportFields, at here: SourceLocation, folder: String, what: String, diagnostics: inout [Diagnostic]) -> ExportSpec? {
        guard let from = e.from else {
            diagnostics.append(Diagnostic(.error, at: here, "\(what) has no 'from' (the export file to read)"))
            return nil
        }
        var isDirectory: ObjCBool = false
        let guess = (folder as NSString).appendingPathComponent(from.value)
        _ = FileManager.default.fileExists(atPath: guess, isDirectory: &isDirectory)
        var format: ExportSpec.Format?
        if let f = e.format {
            format = ExportSpec.Format(rawValue: f.value)
            if format == nil {
                diagnostics.append(Diagnostic(.error, at: f.location, "unknown format '\(f.value)': csv, json or markdown"))
                return nil
            }
        } else {
            let ext = (from.value as NSString).pathExtension.lowercased()
            format = isDirectory.boolValue ? .markdown : ExportSpec.Format(rawValue: ext)
            if format == nil {
                diagnostics.append(Diagnostic(.error, at: from.location, "cannot tell the format of '\(from.value)' from its name: give 'format' (csv, json or markdown)"))
                return nil
            }
        }
        guard let format else { return nil }
        let path: String
        switch PackPath.resolve(from.value, in: folder.isEmpty ? "." : folder, directory: format == .markdown) {
        case .success(let p): path = p
        case .failure(let refusal):
            diagnostics.append(Diagnostic(.error, at: from.location, refusal.message("export", from.value, owner: "manifest")))
            return nil
        }
        var delimiter: UInt8 = 0x2C
        if let d = e.delimiter {
            let bytes = Array(d.value.utf8)
            if d.value == "\\t" || d.value == "\t" {
                delimiter = 0x09
            } else if bytes.count == 1, bytes[0] != 0x22, bytes[0] != 0x0A, bytes[0] != 0x0D {
                delimiter = bytes[0]
            } else {
                diagnostics.append(Diagnostic(.error, at: d.location, "'delimiter' must be one character other than a quote or line break"))
            }
        }
        let records = e.records.map { $0.value.split(separator: ".").map(String.init) } ?? []
        return ExportSpec(name: from.value, path: path, mark: from.mark, format: format, delimiter: delimiter, records: records,
                          missing: Set(e.missing ?? [""]), filter: nil, columns: [])
    }

    /// The columns an expression reads from `row` (`row.name`, `row['name']`), with where the
    /// expression is, so a CSV header without one of them is reported before any row is read.
    private func columns(in text: Located<String>?) -> [ColumnUse] {
        guard let text else { return [] }
        return Self.rowAccesses(text.value).map { ColumnUse(name: $0, location: text.location, source: text.source) }
    }

    /// The column of every `row.name` and `row['name']` in an expression, in order.
    static func rowAccesses(_ text: String) -> [String] {
        let u = Array(text.unicodeScalars)
        var out: [String] = []
        var i = 0
        while i + 3 <= u.count {
            guard isRow(u, at: i) else { i += 1; continue }
            var j = i + 3
            if j < u.count, u[j] == "." {
                j += 1
                let start = j
                while j < u.count, identifier(u[j]) { j += 1 }
                if j > start { out.append(String(String.UnicodeScalarView(u[start..<j]))) }
            } else if j < u.count, u[j] == "[" {
                j += 1
                while j < u.count, u[j] == " " { j += 1 }
                if j < u.count, u[j] == "'" || u[j] == "\"" {
                    let quote = u[j]
                    let start = j + 1
                    var k = start
                    while k < u.count, u[k] != quote, u[k] != "\\" { k += 1 }
                    if k < u.count, u[k] == quote {
                        var e = k + 1
                        while e < u.count, u[e] == " " { e += 1 }
                        if e < u.count, u[e] == "]" { out.append(String(String.UnicodeScalarView(u[start..<k]))); j = e + 1 }
                    }
                }
            }
            i = max(j, i + 1)
        }
        return out
    }

    /// Whether every `row` in the expression is a `row.name` or `row['name']` access: then the
    /// row's other columns cannot matter to it. Conservative: a `row` in a string literal that
    /// is not such an access counts as a use of the whole row.
    static func readsRowByNameOnly(_ text: String) -> Bool {
        let u = Array(text.unicodeScalars)
        let uses = u.indices.filter { isRow(u, at: $0) }.count
        return uses == rowAccesses(text).count
    }

    /// Whether the identifier `row` itself (not `arrow`, `rows` or `x.row`) starts at `i`.
    private static func isRow(_ u: [Unicode.Scalar], at i: Int) -> Bool {
        i + 3 <= u.count && u[i] == "r" && u[i + 1] == "o" && u[i + 2] == "w"
            && (i == 0 || !(identifier(u[i - 1]) || u[i - 1] == ".")) && (i + 3 == u.count || !identifier(u[i + 3]))
    }

    private static func identifier(_ c: Unicode.Scalar) -> Bool { c == "_" || c.properties.isAlphabetic || ("0"..."9").contains(c) }

    /// The one column an expression reads, if it reads one (`row.opened_at`, or
    /// `parseTime(row.opened_at, ...)`): a problem with the field is then marked at that cell.
    static func singleColumn(_ text: String) -> String? {
        let names = Set(rowAccesses(text))
        return names.count == 1 ? names.first : nil
    }
}

/// A column an expression of the manifest reads, for checking it against the CSV header.
struct ColumnUse: Sendable {
    var name: String
    var location: SourceLocation
    var source: SourceText
}
