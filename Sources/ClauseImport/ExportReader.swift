import ClauseDiagnostics
import ClauseDocument
import ClauseRules
import ClauseValue
import ClauseDigest
import Crypto
import Foundation

/// One record of an export as read: the row (column → text, or the JSON record), where it
/// starts, and why it cannot be imported when it cannot.
struct ExportRow {
    var value: Value
    var mark: SourceMark
    var problem: String?
    /// The file the row is in, when not the export itself (a Markdown folder's files).
    var file: String?
}

/// One export file, opened: its digest for the provenance block, and its rows, given one at a
/// time so that a large CSV export is mapped as it is read rather than held as rows. A large
/// CSV file comes in parts that can be read at once, rows in file order within each.
struct ExportTable {
    var sha256: String
    var bytes: Int
    var parts = 1
    let forEachRowOfPart: (Int, (ExportRow) -> Void) -> Void

    /// Every row, in file order.
    func forEachRow(_ body: (ExportRow) -> Void) {
        for part in 0..<parts { forEachRowOfPart(part, body) }
    }

    /// Every row, for what needs them all at once (collapsing an event log, a join).
    var rows: [ExportRow] {
        var out: [ExportRow] = []
        forEachRow { out.append($0) }
        return out
    }
}

/// Reads exports (CSV, JSON, a folder of Markdown files with front matter) into rows. A file
/// that cannot be read as its format is a structural error; a bad row only rejects that row.
enum ExportReader {
    static func read(_ spec: ExportSpec) throws(DiagnosticError) -> ExportTable {
        switch spec.format {
        case .csv: return try csv(spec)
        case .json: return try json(spec)
        case .markdown: return try markdown(spec)
        }
    }

    private static func fail(_ spec: ExportSpec, _ message: String, mark: SourceMark = SourceMark(line: 1, column: 1), notes: [String] = []) -> DiagnosticError {
        DiagnosticError(Diagnostic(.error, at: SourceLocation(file: spec.path, mark: mark), message, notes: notes))
    }

    private static func bytes(_ path: String, _ spec: ExportSpec) throws(DiagnosticError) -> [UInt8] {
        guard let bytes = FileReader.read(path) else { throw fail(spec, "cannot read the export") }
        return bytes
    }

    private static func csv(_ spec: ExportSpec) throws(DiagnosticError) -> ExportTable {
        let source: CSVBytes
        if let mapped = CSVBytes(mapping: spec.path) { source = mapped } else { source = CSVBytes(try bytes(spec.path, spec)) }
        let digest = digest(source)
        let reader = CSVReader(source: source, delimiter: spec.delimiter)
        var first: CSVReader.Record?
        reader.forEach { first = $0; return false }
        guard let header = first, !(header.fields.count == 1 && header.fields[0].isEmpty) else {
            throw fail(spec, "the export is empty: a CSV export starts with a header row of column names")
        }
        if let problem = header.problem { throw fail(spec, "not a CSV header row: \(problem)") }
        let names = header.fields
        var seen = Set<String>()
        for (i, name) in names.enumerated() where !seen.insert(name).inserted {
            throw fail(spec, "column '\(name)' appears twice in the header", mark: header.marks[i])
        }
        var missingColumns: [Diagnostic] = []
        for use in spec.columns where !seen.contains(use.name) {
            let note = Suggestion.closest(to: use.name, among: names).map { "did you mean '\($0)'?" } ?? "the header has: \(names.prefix(20).joined(separator: ", "))"
            missingColumns.append(Diagnostic(.error, at: use.location, "column '\(use.name)' is not in the header of \(spec.path)", notes: [note]))
        }
        if !missingColumns.isEmpty {
            throw DiagnosticError(missingColumns, sources: Dictionary(spec.columns.map { ($0.source.name, $0.source) }, uniquingKeysWith: { a, _ in a }))
        }
        let keys = names.map { Value.string($0) }
        let missing = spec.missing
        let onlyEmptyMissing = missing == [""]
        // Only the columns the manifest reads become values, when that is known. The reader
        // keeps the first cell too, so that a blank line still reads as one empty field.
        let used = names.map { spec.onlyColumns?.contains($0) ?? true }
        let kept = used.indices.filter { used[$0] }
        let keep = used.indices.map { $0 == 0 || used[$0] }
        let size = source.buffer.count
        // A large export in parts, more than there are cores, so that a core also busy with
        // something else (the pack loading beside it) leaves its share to the others.
        let readers = size >= 4 << 20 ? reader.parts(8) : [reader]
        return ExportTable(sha256: digest, bytes: size, parts: readers.count) { part, body in
            var isHeader = part == 0
            readers[part].forEach(keep: keep) { record in
                if isHeader { isHeader = false; return true }
                if record.fields.count == 1, record.fields[0].isEmpty, record.problem == nil { return true }  // a blank line
                var problem = record.problem
                var map = ValueMap(keys: [], values: [])
                if record.fields.count == names.count {
                    var entries: [ValueMap.Entry] = []
                    entries.reserveCapacity(kept.count)
                    for k in kept {
                        let cell = record.fields[k]
                        let absent = onlyEmptyMissing ? cell.isEmpty : missing.contains(cell)
                        entries.append(ValueMap.Entry(key: keys[k], value: absent ? .null : .string(cell),
                                                      keyMark: record.marks[k], valueMark: record.marks[k]))
                    }
                    map = ValueMap(entries: entries, hasMarks: true, indexed: false)
                } else if problem == nil {
                    problem = "the row has \(record.fields.count) fields; the header has \(names.count)"
                }
                body(ExportRow(value: .map(map), mark: SourceMark(line: record.line, column: 1), problem: problem))
                return true
            }
        }
    }

    private static func json(_ spec: ExportSpec) throws(DiagnosticError) -> ExportTable {
        var options = LoadOptions()
        options.format = .json
        let document: Document
        do {
            document = try DocumentLoader.load(path: spec.path, options: options)[0]
        } catch {
            throw error.diagnosticError
        }
        var value = document.root
        var mark = document.rootMark
        for key in spec.records {
            guard let map = value.mapValue, let i = map.position(ofString: key) else {
                throw fail(spec, "no '\(key)' here: 'records' says the records are at '\(spec.records.joined(separator: "."))'", mark: mark)
            }
            value = map.value(at: i)
            mark = map.mark(at: i)
        }
        guard case .list(let list) = value else {
            throw fail(spec, "the records must be a list, not \(FieldReader.kind(value))" + (spec.records.isEmpty ? " (give 'records' when they are inside an object)" : ""), mark: mark)
        }
        var rows: [ExportRow] = []
        rows.reserveCapacity(list.count)
        for i in 0..<list.count {
            let element = list[i]
            guard element.mapValue != nil else {
                rows.append(ExportRow(value: .null, mark: list.mark(at: i), problem: "a record must be an object, not \(FieldReader.kind(element))"))
                continue
            }
            rows.append(ExportRow(value: nulling(element, spec.missing), mark: list.mark(at: i)))
        }
        return ExportTable(sha256: FileDigest.sha256(path: spec.path) ?? "", bytes: document.source.size) { _, body in rows.forEach(body) }
    }

    /// Each `.md` file of the folder, in name order, as its front matter plus `file`.
    private static func markdown(_ spec: ExportSpec) throws(DiagnosticError) -> ExportTable {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: spec.path).filter { $0.hasSuffix(".md") }.sorted()
        } catch {
            throw fail(spec, "cannot list the folder")
        }
        var rows: [ExportRow] = []
        var hasher = SHA256()
        for name in names {
            let relative = (spec.name as NSString).appendingPathComponent(name)
            guard case .success(let path) = PackPath.resolve(name, in: spec.path) else {
                rows.append(ExportRow(value: .null, mark: .none, problem: "\(relative) is not a regular file inside the folder", file: (spec.path as NSString).appendingPathComponent(name)))
                continue
            }
            let bytes = try bytes(path, spec)
            hasher.update(data: Array("\(name) \(digest(bytes))\n".utf8))
            // The front matter is read as a YAML document starting at the file's first `---`,
            // cut before the closing one, so that its marks are lines of the Markdown file.
            let text = String(decoding: bytes, as: UTF8.self)
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            guard lines.first?.trimmingCharacters(in: .whitespaces) == "---",
                  let end = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespacesAndNewlines) == "---" }) else {
                rows.append(ExportRow(value: .null, mark: SourceMark(line: 1, column: 1), problem: "\(relative) has no YAML front matter between '---' lines", file: path))
                continue
            }
            lines.removeSubrange(end...)
            do {
                var options = LoadOptions()
                options.format = .yaml
                let front = try DocumentLoader.load(text: lines.joined(separator: "\n") + "\n", name: path, options: options)[0]
                guard case .map(let map) = front.root else {
                    rows.append(ExportRow(value: .null, mark: front.rootMark, problem: "\(relative): the front matter must be a mapping", file: path))
                    continue
                }
                let withFile = ValueMap(keys: Array(map.keys) + [.string("file")], values: Array(map.values) + [.string(relative)],
                                        marks: (0..<map.count).map { map.mark(at: $0) } + [SourceMark(line: 1, column: 1)])
                rows.append(ExportRow(value: nulling(.map(withFile), spec.missing), mark: SourceMark(line: 1, column: 1), file: path))
            } catch {
                rows.append(ExportRow(value: .null, mark: error.location.mark, problem: "\(relative): \(error.message)", file: path))
            }
        }
        return ExportTable(sha256: FileDigest.hex(hasher.finalize()), bytes: 0) { _, body in rows.forEach(body) }
    }

    static func digest(_ bytes: [UInt8]) -> String { FileDigest.hex(SHA256.hash(data: bytes)) }

    /// The digest of the bytes that are read, not of the file read again; a mapped file's pages
    /// are handed back as they are hashed.
    static func digest(_ source: CSVBytes) -> String {
        var hasher = SHA256()
        var at = 0
        let buffer = source.buffer
        while at < buffer.count {
            let end = min(at + CSVBytes.releaseStep, buffer.count)
            hasher.update(bufferPointer: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: buffer[at..<end])))
            source.release(at..<end)
            at = end
        }
        return FileDigest.hex(hasher.finalize())
    }

    /// `value` with every string that is a missing marker replaced by null (inside maps too).
    static func nulling(_ value: Value, _ missing: Set<String>) -> Value {
        switch value {
        case .string(let s): return missing.contains(s) ? .null : value
        case .map(let map):
            var values = Array(map.values)
            var changed = false
            for i in values.indices {
                let v = nulling(values[i], missing)
                if v != values[i] { values[i] = v; changed = true }
            }
            guard changed else { return value }
            return .map(ValueMap(keys: Array(map.keys), values: values, marks: (0..<map.count).map { map.mark(at: $0) }))
        default: return value
        }
    }
}
