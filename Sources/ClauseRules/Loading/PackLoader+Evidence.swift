import ClauseDiagnostics
import ClauseDocument
import ClauseSchema
import ClauseValue

extension PackLoader {
    static let schemaFields = ["file", "clause"]
    static let evidenceFields = ["section", "clause", "dated"]

    /// `schema: {file: snapshot.schema.json, clause: "7.5.3"}`: the snapshot schema, compiled.
    static func readSchema(_ header: inout FieldReader, folder: String, known: Set<String>,
                           diagnostics: inout [Diagnostic], sources: inout [String: SourceText]) -> (JSONSchema?, String?) {
        guard let (value, mark) = header.raw("schema", required: false) else { return (nil, nil) }
        var diagnosticsHere: [Diagnostic] = []
        var reader = FieldReader(value, mark: mark, source: header.source, what: "'schema'", diagnostics: &diagnosticsHere)
        defer { diagnostics += diagnosticsHere + reader.diagnostics }
        let file = reader.string("file", required: true)
        let clause = reader.string("clause", required: true)
        if let clause, !known.contains(clause) {
            reader.error(at: reader.map.mark(at: reader.map.position(ofString: "clause") ?? 0), "clause '\(clause)' is not in the pack's catalogue")
        }
        reader.finish(allowed: schemaFields)
        guard let file else { return (nil, clause) }
        let fileMark = reader.map.mark(at: reader.map.position(ofString: "file") ?? 0)
        let path: String
        switch PackPath.resolve(file, in: folder) {
        case .success(let p): path = p
        case .failure(let refusal):
            reader.error(at: fileMark, refusal.message("schema file", file))
            return (nil, clause)
        }
        let document: Document
        do {
            var options = LoadOptions()
            options.format = .json
            document = try DocumentLoader.load(path: path, options: options)[0]
        } catch {
            // Not JSON, or unreadable: the loader's own message, located in the schema file.
            diagnosticsHere.append(error.diagnostic)
            if let source = error.source { sources[path] = source }
            return (nil, clause)
        }
        sources[path] = document.source
        do {
            return (try JSONSchema(document.root, rootMark: document.rootMark, source: document.source), clause)
        } catch {
            diagnosticsHere += error.diagnostics
            return (nil, clause)
        }
    }

    /// `evidence:`: the sections each clause needs, every one a section the schema declares.
    static func readEvidence(_ header: inout FieldReader, known: Set<String>, sections: [String],
                             diagnostics: inout [Diagnostic]) -> [EvidenceRequirement] {
        guard let (value, mark) = header.raw("evidence", required: false) else { return [] }
        guard case .list(let list) = value else {
            header.error(at: mark, "'evidence' must be a list of {section, clause, dated}")
            return []
        }
        var out: [EvidenceRequirement] = []
        var seen: Set<String> = []
        for i in 0..<list.count {
            var reader = FieldReader(list[i], mark: list.mark(at: i), source: header.source, what: "an evidence entry", diagnostics: &diagnostics)
            defer { diagnostics += reader.diagnostics }
            let section = reader.string("section", required: true)
            let clauses = reader.strings("clause", required: true) ?? []
            let dated = reader.string("dated", required: false)
            reader.finish(allowed: evidenceFields)
            for (number, clauseMark) in clauses where !known.contains(number) {
                reader.error(at: clauseMark, "clause '\(number)' is not in the pack's catalogue")
            }
            guard let section else { continue }
            let sectionMark = reader.map.mark(at: reader.map.position(ofString: "section") ?? 0)
            if !sections.isEmpty && !sections.contains(section) {
                reader.error(at: sectionMark, "section '\(section)' is not in the pack's snapshot schema",
                             notes: FieldReader.suggestion(for: section, among: sections).map { ["did you mean '\($0)'?"] } ?? [])
            }
            if !seen.insert(section).inserted {
                reader.error(at: sectionMark, "section '\(section)' is declared twice under 'evidence'")
            }
            if !clauses.isEmpty {
                out.append(EvidenceRequirement(section: section, clauses: clauses.map(\.0), dated: dated,
                                               location: reader.location(list.mark(at: i))))
            }
        }
        return out
    }
}
