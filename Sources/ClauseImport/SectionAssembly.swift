import ClauseDiagnostics
import ClauseDocument
import ClauseExpression
import ClauseValue
import Foundation

/// One imported section: its export read, collapsed, joined, filtered and mapped record by
/// record. A record that fails anywhere is rejected with the reason and its place in the export.
struct SectionAssembly {
    let section: SectionImport
    let manifestFolder: String
    /// Whether any field is dotted (`sla.breached`), so records need nesting.
    let nested: Bool
    /// The keys of flat records, made once and shared by every record with the same fields present.
    let shapes: KeyShapes

    init(section: SectionImport, manifestFolder: String) {
        self.section = section
        self.manifestFolder = manifestFolder
        nested = section.fields.contains { $0.target.count > 1 }
        shapes = KeyShapes(section.fields.map { .string($0.target[0]) })
    }

    /// The shared keys of flat records by which fields they have (a record leaves out a field
    /// whose value is null): a million records of seven fields hold their keys once, not a
    /// million times (32 bytes an entry instead of 56).
    final class KeyShapes: @unchecked Sendable {
        private let keys: [Value]
        private let all: ValueMap.SharedKeys
        private let lock = NSLock()
        /// Guarded by `lock`.
        private var partial: [[Int]: ValueMap.SharedKeys] = [:]

        init(_ keys: [Value]) {
            self.keys = keys
            all = ValueMap.SharedKeys(keys)
        }

        /// The keys of the fields at `present`, in order.
        func keys(_ present: [Int]) -> ValueMap.SharedKeys {
            if present.count == keys.count { return all }
            lock.lock()
            defer { lock.unlock() }
            if let known = partial[present] { return known }
            let made = ValueMap.SharedKeys(present.map { keys[$0] })
            partial[present] = made
            return made
        }
    }

    struct Output {
        var records: Value
        /// The file of each record, when they are not all in the export (a Markdown folder).
        var files: [String]?
        var provenance: Value
        var summary: ImportSummary
        var bytes: Int
    }

    struct Rejection: Error {
        var file: String
        var mark: SourceMark
        var message: String
    }

    func run() throws(DiagnosticError) -> Output {
        let spec = section.export
        let table = try ExportReader.read(spec)
        var summary = ImportSummary(section: section.name, file: spec.name)
        var rejections: [Rejection] = []
        // An event log is collapsed first, so it is held whole; any other export is mapped
        // row by row as it is read.
        var collapsed: [ExportRow]?
        if let key = section.key, let latestBy = section.latestBy {
            var rows: [ExportRow] = []
            var read = Mapped()
            table.forEachRow { row in
                summary.rows += 1
                if !Self.reject(row, file: spec.path, into: &read) { rows.append(row) }
            }
            rejections += read.rejections
            let before = (rows: rows.count, rejected: rejections.count)
            rows = collapse(rows, key: key, latestBy: latestBy, file: spec.path, rejections: &rejections)
            summary.collapsed = before.rows - rows.count - (rejections.count - before.rejected)
            collapsed = rows
        }
        var joins: [Join] = []
        for join in section.joins {
            let joined = try ExportReader.read(join.export)
            var index: [String: [Value]] = [:]
            let joinedRows = joined.rows
            for row in joinedRows {
                if let problem = row.problem { rejections.append(Rejection(file: join.export.path, mark: row.mark, message: "joined row: \(problem)")); continue }
                if let filter = join.export.filter {
                    switch evaluate(filter, row: [row.value], joined: [:]) {
                    case .success(.bool(true)): break
                    case .success(.bool(false)): continue
                    case .success(let other): rejections.append(Rejection(file: join.export.path, mark: row.mark, message: "joined row: 'filter' gave \(other.kindName), not a boolean")); continue
                    case .failure(let message): rejections.append(Rejection(file: join.export.path, mark: row.mark, message: "joined row: 'filter' failed: \(message.message)")); continue
                    }
                }
                switch evaluate(join.to, row: [row.value], joined: [:]) {
                case .success(.null): continue  // joined to nothing
                case .success(let value): index[Self.text(value), default: []].append(row.value)
                case .failure(let message): rejections.append(Rejection(file: join.export.path, mark: row.mark, message: "joined row: 'to' failed: \(message.message)"))
                }
            }
            joins.append(Join(spec: join, index: index, rows: joinedRows.count, sha256: joined.sha256))
        }
        var mapped = Mapped()
        if let collapsed {
            for row in collapsed { map(row, joins: joins, into: &mapped) }
        } else if table.parts > 1 {
            // Parts of a large export are mapped on both cores, then joined in file order.
            var parts = [Mapped](repeating: Mapped(), count: table.parts)
            parts.withUnsafeMutableBufferPointer { buffer in
                nonisolated(unsafe) let out = buffer
                let joins = joins
                nonisolated(unsafe) let table = table
                let path = spec.path
                DispatchQueue.concurrentPerform(iterations: table.parts) { part in
                    var local = Mapped()
                    table.forEachRowOfPart(part) { row in
                        local.rows += 1
                        if !Self.reject(row, file: path, into: &local) { map(row, joins: joins, into: &local) }
                    }
                    out[part] = local
                }
            }
            for part in parts { mapped.append(part) }
        } else {
            table.forEachRow { row in
                mapped.rows += 1
                if !Self.reject(row, file: spec.path, into: &mapped) { map(row, joins: joins, into: &mapped) }
            }
        }
        summary.rows += mapped.rows
        summary.filtered = mapped.filtered
        rejections += mapped.rejections
        let records = mapped.records, marks = mapped.marks, files = mapped.files
        summary.kept = records.count
        summary.rejected = rejections.count
        rejections.sort { ($0.file, $0.mark) < ($1.file, $1.mark) }
        let relative = { (path: String) in Self.relative(path, to: manifestFolder) }
        var provenance: [(Value, Value)] = section.provenance.map { (.string($0.0), $0.1) }
        provenance.append((.string("file"), .string(relative(spec.path))))
        provenance.append((.string("sha256"), .string(table.sha256)))
        provenance.append((.string("rows"), .int(Int64(summary.rows))))
        provenance.append((.string("count"), .int(Int64(summary.kept))))
        provenance.append((.string("collapsed"), .int(Int64(summary.collapsed))))
        provenance.append((.string("filtered"), .int(Int64(summary.filtered))))
        if !rejections.isEmpty {
            provenance.append((.string("rejected"), .list(ValueList(rejections.map { r in
                var entry: [(Value, Value)] = [(.string("file"), .string(r.file)), (.string("line"), .int(Int64(max(1, r.mark.line))))]
                if r.mark.column > 0 { entry.append((.string("column"), .int(Int64(r.mark.column)))) }
                entry.append((.string("message"), .string(r.message)))
                return .map(ValueMap(entry))
            }))))
        }
        if !joins.isEmpty {
            provenance.append((.string("joins"), .list(ValueList(joins.map { j in
                .map(ValueMap([(.string("name"), .string(j.spec.name)), (.string("file"), .string(relative(j.spec.export.path))),
                               (.string("sha256"), .string(j.sha256)), (.string("rows"), .int(Int64(j.rows)))]))
            }))))
        }
        let provenanceMap = ValueMap(keys: provenance.map(\.0), values: provenance.map(\.1),
                                     marks: Array(repeating: section.mark, count: provenance.count))
        return Output(records: .list(ValueList(records, marks: marks)), files: spec.format == .markdown ? files : nil,
                      provenance: .map(provenanceMap), summary: summary,
                      bytes: table.bytes)
    }

    /// A joined export, indexed by its `to` value.
    struct Join {
        var spec: JoinSpec
        var index: [String: [Value]]
        var rows: Int
        var sha256: String
    }

    /// What mapping some rows gave, in file order.
    struct Mapped {
        var records: [Value] = []
        var marks: [SourceMark] = []
        var files: [String] = []
        var rejections: [Rejection] = []
        var rows = 0
        var filtered = 0

        mutating func append(_ other: Mapped) {
            records += other.records
            marks += other.marks
            files += other.files
            rejections += other.rejections
            rows += other.rows
            filtered += other.filtered
        }
    }

    /// A row the export reader found broken is rejected with its reason.
    private static func reject(_ row: ExportRow, file: String, into out: inout Mapped) -> Bool {
        guard let problem = row.problem else { return false }
        out.rejections.append(Rejection(file: row.file ?? file, mark: row.mark, message: problem))
        return true
    }

    /// One row: its joins attached, its filter applied, its record built or rejected.
    private func map(_ row: ExportRow, joins: [Join], into out: inout Mapped) {
        let spec = section.export
        let slot = [row.value]
        var attached: [String: Value] = [:]
        for join in joins {
            switch evaluate(join.spec.on, row: slot, joined: [:]) {
            case .success(.null): attached[join.spec.name] = .list(ValueList([]))
            case .success(let value): attached[join.spec.name] = .list(ValueList(join.index[Self.text(value)] ?? []))
            case .failure(let message):
                out.rejections.append(Rejection(file: row.file ?? spec.path, mark: row.mark, message: "join '\(join.spec.name)': 'on' failed: \(message.message)"))
                return
            }
        }
        if let filter = spec.filter {
            switch evaluate(filter, row: slot, joined: attached) {
            case .success(.bool(true)): break
            case .success(.bool(false)): out.filtered += 1; return
            case .success(let other): out.rejections.append(Rejection(file: row.file ?? spec.path, mark: row.mark, message: "'filter' gave \(other.kindName), not a boolean")); return
            case .failure(let message): out.rejections.append(Rejection(file: row.file ?? spec.path, mark: row.mark, message: "'filter' failed: \(message.message)")); return
            }
        }
        switch record(row, slot: slot, joined: attached) {
        case .success(let value):
            out.records.append(value)
            out.marks.append(row.mark)
            if spec.format == .markdown { out.files.append(row.file ?? spec.path) }
        case .failure(let rejection):
            out.rejections.append(rejection)
        }
    }

    /// Rows with the same key become one: the one with the greatest `latest_by`, the later row
    /// on a tie (event logs are written in time order).
    private func collapse(_ rows: [ExportRow], key: Program, latestBy: Program, file: String, rejections: inout [Rejection]) -> [ExportRow] {
        var latest: [String: (row: ExportRow, by: Value, order: Int)] = [:]
        for (order, row) in rows.enumerated() {
            let k: String, by: Value
            switch (evaluate(key, row: [row.value], joined: [:]), evaluate(latestBy, row: [row.value], joined: [:])) {
            case (.success(let kv), .success(let bv)) where kv != .null && bv != .null:
                k = Self.text(kv); by = bv
            case (.failure(let message), _): rejections.append(Rejection(file: row.file ?? file, mark: row.mark, message: "'key' failed: \(message.message)")); continue
            case (_, .failure(let message)): rejections.append(Rejection(file: file, mark: row.mark, message: "'latest_by' failed: \(message.message)")); continue
            default: rejections.append(Rejection(file: file, mark: row.mark, message: "'key' or 'latest_by' is null for this row")); continue
            }
            if let current = latest[k] {
                guard let newer = Self.isLater(by, than: current.by) else {
                    rejections.append(Rejection(file: file, mark: row.mark, message: "'latest_by' values \(JSONText.of(by)) and \(JSONText.of(current.by)) cannot be compared"))
                    continue
                }
                if newer { latest[k] = (row, by, current.order) }
            } else {
                latest[k] = (row, by, order)
            }
        }
        // Records keep the position of their first row, so the output follows the export.
        return latest.values.sorted { $0.order < $1.order }.map(\.row)
    }

    private static func isLater(_ a: Value, than b: Value) -> Bool? {
        switch (a, b) {
        case (.string(let x), .string(let y)): x >= y
        case (.timestamp(let x), .timestamp(let y)): x >= y
        case (.int(let x), .int(let y)): x >= y
        case (.double(let x), .double(let y)): x >= y
        default: nil
        }
    }

    /// The snapshot record of one row, or why it cannot be one.
    private func record(_ row: ExportRow, slot: [Value], joined: [String: Value]) -> Result<Value, Rejection> {
        let cells = row.value.mapValue
        // Flat fields (the common case) go straight into the record's values, in the
        // manifest's order, with keys shared by records alike; dotted ones are nested afterwards.
        var present: [Int] = [], values: [Value] = [], marks: [SourceMark] = []
        let fields = section.fields
        present.reserveCapacity(fields.count)
        values.reserveCapacity(fields.count)
        marks.reserveCapacity(fields.count)
        var dotted: [(path: [String], value: Value, mark: SourceMark)] = []
        for k in fields.indices {
            var mark = row.mark
            var cell: Int?
            if let column = fields[k].column, let cells, let i = cells.position(ofString: column) {
                mark = cells.mark(at: i)
                cell = i
            }
            var value: Value
            if fields[k].direct, let cell, let cells {
                value = cells.value(at: cell)
            } else {
                switch evaluate(fields[k].program, row: slot, joined: joined) {
                case .success(let v): value = v
                case .failure(let problem): return .failure(rejection(row, mark, "'\(fields[k].name)': \(problem.message)"))
                }
            }
            if value == .null { continue }
            if let table = fields[k].values {
                guard let mapped = table[Self.text(value)] else {
                    return .failure(rejection(row, mark, "'\(fields[k].name)': \(JSONText.of(value)) has no mapping in 'values'"))
                }
                value = mapped
            }
            switch Self.snapshotValue(value, mark: mark) {
            case .success(let v):
                if nested {
                    dotted.append((fields[k].target, v, mark))
                } else {
                    present.append(k)
                    values.append(v)
                    marks.append(mark)
                }
            case .failure(let problem): return .failure(rejection(row, mark, "'\(fields[k].name)': \(problem.message)"))
            }
        }
        return .success(nested ? Self.nest(dotted) : .map(ValueMap(keys: shapes.keys(present), values: values, marks: marks)))
    }

    private func rejection(_ row: ExportRow, _ mark: SourceMark, _ message: String) -> Rejection {
        Rejection(file: row.file ?? section.export.path, mark: mark, message: message)
    }

    /// Fields with dotted paths as nested maps, in the order the manifest gives them.
    private static func nest(_ fields: [(path: [String], value: Value, mark: SourceMark)]) -> Value {
        var keys: [String] = []
        var groups: [String: [(path: [String], value: Value, mark: SourceMark)]] = [:]
        var leaf: [String: (Value, SourceMark)] = [:]
        for f in fields {
            let head = f.path[0]
            if !keys.contains(head) { keys.append(head) }
            if f.path.count == 1 { leaf[head] = (f.value, f.mark) } else { groups[head, default: []].append((Array(f.path.dropFirst()), f.value, f.mark)) }
        }
        var values: [Value] = [], marks: [SourceMark] = []
        for k in keys {
            if let (v, m) = leaf[k] {
                values.append(v); marks.append(m)
            } else if let g = groups[k] {
                values.append(nest(g)); marks.append(g[0].mark)
            }
        }
        return .map(ValueMap(keys: keys.map { .string($0) }, values: values, marks: marks))
    }

    /// A value as a snapshot holds it: timestamps as RFC 3339 text; no durations or bytes.
    /// Values an expression built (lists and maps) are marked at the field's place, so that a
    /// problem inside them is still located at the record's row.
    private static func snapshotValue(_ value: Value, mark: SourceMark) -> Result<Value, ImportProblem> {
        switch value {
        case .timestamp(let t): return .success(.string(t.rfc3339))
        case .duration: return .failure(ImportProblem("a duration cannot be written in a snapshot; give a number of hours or days"))
        case .bytes: return .failure(ImportProblem("bytes cannot be written in a snapshot"))
        case .list(let list):
            var out: [Value] = []
            for v in list.elements {
                switch snapshotValue(v, mark: mark) {
                case .success(let s): out.append(s)
                case .failure(let m): return .failure(m)
                }
            }
            return .success(.list(ValueList(out, marks: Array(repeating: mark, count: out.count))))
        case .map(let map):
            var values: [Value] = []
            for i in 0..<map.count {
                switch snapshotValue(map.value(at: i), mark: mark) {
                case .success(let s): values.append(s)
                case .failure(let m): return .failure(m)
                }
            }
            return .success(.map(ValueMap(keys: Array(map.keys), values: values, marks: Array(repeating: mark, count: values.count))))
        default: return .success(value)
        }
    }

    /// `row` is the row alone in an array, made once per row for all of its expressions (most
    /// read only `row`, and take it as their slots as it is).
    private func evaluate(_ program: Program, row: [Value], joined: [String: Value]) -> Result<Value, ImportProblem> {
        let variables = program.variables
        let slots = variables.count == 1 && variables[0] == "row" ? row : variables.map { $0 == "row" ? row[0] : joined[$0] ?? .null }
        do {
            return .success(try program.evaluate(slots: slots))
        } catch {
            return .failure(ImportProblem(error.message))
        }
    }

    /// The text a value is looked up by in value maps and joins: strings as they are, numbers
    /// and booleans as written.
    static func text(_ value: Value) -> String {
        switch value {
        case .string(let s): s
        case .int(let i): String(i)
        case .uint(let u): String(u)
        case .bool(let b): b ? "true" : "false"
        case .double(let d): d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        default: JSONText.of(value)
        }
    }

    static func relative(_ path: String, to folder: String) -> String {
        guard !folder.isEmpty, path.hasPrefix(folder + "/") else { return path }
        return String(path.dropFirst(folder.count + 1))
    }
}

/// A value as JSON text, for messages.
enum JSONText {
    static func of(_ value: Value) -> String {
        switch value {
        case .string(let s): "'\(s)'"
        default: JSONWriter.string(value)
        }
    }
}

/// Why one value of a record could not be computed.
struct ImportProblem: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
