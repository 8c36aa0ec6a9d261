import ClauseDiagnostics
import ClauseDocument
import ClauseExpression
import ClauseValue
import Foundation

/// Loads a rule pack (a folder with `pack.yaml`, or one YAML file) and validates all of it,
/// reporting every problem at once with its file, line and column.
public enum PackLoader {
    static let packFields = ["pack", "title", "version", "description", "requires", "clauses", "schema", "evidence", "parameters", "let", "rules"]
    static let ruleFields = ["id", "clause", "title", "severity", "stage", "each", "as", "key", "when", "assert", "message", "remediation", "tests", "description"]
    static let testFields = ["name", "snapshot", "as_of", "expect"]
    static let catalogueFields = ["number", "title", "parent"]

    /// Variables every expression may use besides the snapshot's own top-level keys.
    static let builtinVariables = ["snapshot", "now", "audit_period"]

    /// Loads one pack and every pack it requires, composed into one.
    public static func load(path: String) throws(DiagnosticError) -> Pack {
        try load(paths: [path])
    }

    /// Several packs and every pack they require, composed into one (see `PackComposer`): the
    /// rules of required packs first, each pack once however often it is reached.
    public static func load(paths: [String]) throws(DiagnosticError) -> Pack {
        var loaded: [String: [Pack]] = [:]
        var parts: [Pack] = []
        var asked: [Pack] = []
        for path in paths {
            let units = try units(path: path, loaded: &loaded, chain: [])
            parts += units
            if let top = units.last, !asked.contains(where: { $0.id == top.id }) { asked.append(top) }
        }
        return try PackComposer.compose(parts, asked: asked)
    }

    /// One pack on its own (its rules, catalogue, schema, parameters and lets), preceded by the
    /// packs it requires, each compiled with what it requires in scope. `loaded` holds the packs
    /// already read by canonical path; `chain` the packs being read, to refuse a cycle.
    static func units(path: String, loaded: inout [String: [Pack]], chain: [String]) throws(DiagnosticError) -> [Pack] {
        if let done = loaded[PackComposer.canonical(path)] { return done }
        var diagnostics: [Diagnostic] = []
        var sources: [String: SourceText] = [:]
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DiagnosticError(Diagnostic(.error, at: SourceLocation(file: path, mark: .none), "no rule pack at this path"))
        }
        let folder = isDirectory.boolValue ? path : (path as NSString).deletingLastPathComponent
        let packFile = isDirectory.boolValue ? (path as NSString).appendingPathComponent("pack.yaml") : path

        func loadYAML(_ file: String) -> Document? {
            // Opening a FIFO would wait forever for a writer: only regular files are read.
            guard FileReader.size(file) != nil else {
                diagnostics.append(Diagnostic(.error, at: SourceLocation(file: file, line: 1, column: 1), "not a regular file"))
                return nil
            }
            do {
                let documents = try DocumentLoader.load(path: file, options: { var o = LoadOptions(); o.format = .yaml; o.recordScalars = true; return o }())
                sources[file] = documents[0].source
                if documents.count > 1 {
                    diagnostics.append(Diagnostic(.error, at: SourceLocation(file: file, mark: documents[1].rootMark), "a pack file holds one document"))
                }
                return documents[0]
            } catch {
                diagnostics.append(error.diagnostic)
                if let source = error.source { sources[file] = source }
                return nil
            }
        }

        guard let packDocument = loadYAML(packFile) else { throw DiagnosticError(diagnostics, sources: sources) }
        var header = FieldReader(packDocument.root, mark: packDocument.rootMark, source: packDocument.source, what: "the pack", diagnostics: &diagnostics)
        let id = header.string("pack", required: true) ?? ""
        let title = header.string("title", required: true) ?? ""
        let version = header.string("version", required: true) ?? ""
        _ = header.string("description", required: false)
        let required = readRequires(&header, folder: folder, packPath: path, loaded: &loaded, chain: chain,
                                    diagnostics: &diagnostics, sources: &sources)
        var inherited: Pack? = nil
        if !required.isEmpty {
            do { inherited = try PackComposer.compose(required, asked: []) } catch {
                diagnostics += error.diagnostics
            }
        }

        // The catalogue: a file named by `clauses:` or an inline list; a pack that requires
        // others may cite their clauses only.
        var catalogue: [ClauseEntry] = []
        if let (value, mark) = header.raw("clauses", required: required.isEmpty) {
            var catalogueValue: Value?
            var catalogueMark = mark
            var catalogueSource = packDocument.source
            if case .string(let name) = value {
                switch PackPath.resolve(name, in: folder) {
                case .success(let file):
                    if let doc = loadYAML(file) {
                        catalogueValue = doc.root
                        catalogueMark = doc.rootMark
                        catalogueSource = doc.source
                    }
                case .failure(let refusal):
                    header.error(at: mark, refusal.message("clause catalogue", name))
                }
            } else {
                catalogueValue = value
            }
            if let catalogueValue {
                catalogue = readCatalogue(catalogueValue, mark: catalogueMark, source: catalogueSource, diagnostics: &diagnostics)
            }
        }
        let known = Set(catalogue.map(\.number) + (inherited?.catalogue.map(\.number) ?? []))
        let (schema, schemaClause) = readSchema(&header, folder: folder, known: known, diagnostics: &diagnostics, sources: &sources)
        if schema != nil, let owner = inherited?.schemaPack {
            header.error(at: header.map.position(ofString: "schema").map { header.map.mark(at: $0) } ?? header.mark,
                         "this pack requires '\(owner)', which declares the snapshot schema; a pack that extends another declares none")
        }
        // With a schema, the snapshot's sections are declared variables: a rule reads
        // `incidents` directly, and a name that is neither a section, a `let` nor a built-in
        // is a located error instead of a failure at evaluation time.
        let sections = (inherited?.schema != nil ? inherited?.sections : nil) ?? schema?.rootProperties ?? []
        let checked = schema != nil || inherited?.schema != nil
        let evidence = readEvidence(&header, known: known, sections: sections, diagnostics: &diagnostics)
        // Names of required packs are in scope, and cannot be defined again.
        let inheritedNames = (inherited?.parameters.map(\.name) ?? []) + (inherited?.lets.map(\.name) ?? [])
        let parameters = readParameters(&header, taken: { name in
            builtinVariables.contains(name) ? "a built-in variable" : sections.contains(name) ? "a snapshot section"
                : inheritedNames.contains(name) ? "defined by a required pack" : nil
        }, diagnostics: &diagnostics)
        let parameterNames = inheritedNames + parameters.map(\.name)

        // `let`: named expressions, each may use the ones before it.
        var lets: [(name: String, program: Program)] = []
        if let (value, mark) = header.raw("let", required: false) {
            if case .map(let map) = value {
                for i in 0..<map.count {
                    guard case .string(let name) = map.keys[i], isIdentifier(name) else {
                        header.error(at: map.keyMarks.isEmpty ? map.mark(at: i) : map.keyMarks[i], "a 'let' name must be an identifier")
                        continue
                    }
                    // A `let` must not hide a built-in variable or a section of the snapshot.
                    if builtinVariables.contains(name) || sections.contains(name) || parameterNames.contains(name) || lets.contains(where: { $0.name == name }) {
                        header.error(at: map.keyMarks.isEmpty ? map.mark(at: i) : map.keyMarks[i],
                                     "'let' name '\(name)' is already \(builtinVariables.contains(name) ? "a built-in variable" : sections.contains(name) ? "a snapshot section" : inheritedNames.contains(name) ? "defined by a required pack" : parameterNames.contains(name) ? "a parameter" : "defined")")
                        continue
                    }
                    let environment = Environment(variables: builtinVariables + sections + parameterNames + lets.map(\.name), allowUndeclared: !checked)
                    let text: String
                    switch map.values[i] {
                    case .string(let s): text = s
                    default: text = FieldReader.scalarText(at: map.mark(at: i), in: packDocument.source) ?? JSONWriter.string(map.values[i])
                    }
                    if let program = header.compile(text, at: map.mark(at: i), environment: environment) {
                        lets.append((name, program))
                    }
                }
            } else {
                header.error(at: mark, "'let' must be a mapping of names to expressions")
            }
        }

        // Rule files: listed under `rules:`, or every other YAML file of the folder.
        var ruleFiles: [String] = []
        if let (value, mark) = header.raw("rules", required: false) {
            if !isDirectory.boolValue {
                // A single-file pack holds its rules inline (read below).
                if case .list = value {} else { header.error(at: mark, "'rules' must be a list of rules") }
            } else if case .list(let list) = value {
                for i in 0..<list.count {
                    guard case .string(let name) = list[i] else { header.error(at: list.mark(at: i), "'rules' entries must be file names"); continue }
                    switch PackPath.resolve(name, in: folder) {
                    case .success(let path): ruleFiles.append(path)
                    case .failure(let refusal): header.error(at: list.mark(at: i), refusal.message("rule file", name))
                    }
                }
            } else {
                header.error(at: mark, "'rules' must be a list of rule files")
            }
        } else if isDirectory.boolValue {
            let catalogueName = header.map["clauses"]?.stringValue
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted { a, b in
                a.compare(b, options: .numeric) == .orderedAscending
            }
            // Only regular files inside the folder: a FIFO would block the read forever, and a
            // link out of the folder would read (and quote) a file elsewhere.
            for name in names where (name.hasSuffix(".yaml") || name.hasSuffix(".yml")) && name != "pack.yaml" && name != catalogueName {
                switch PackPath.resolve(name, in: folder) {
                case .success(let path): ruleFiles.append(path)
                case .failure(let refusal):
                    diagnostics.append(Diagnostic(.error, at: SourceLocation(file: (folder as NSString).appendingPathComponent(name), line: 1, column: 1),
                                                  refusal.message("rule file", name)))
                }
            }
        }
        var rules: [Rule] = []
        // A single-file pack holds its rules inline under `rules:`.
        if !isDirectory.boolValue, case .list? = header.map["rules"] {
            let ruleReader = RuleReader(known: known, lets: parameterNames + lets.map(\.name), sections: sections, checked: checked)
            rules += ruleReader.readRules(header.map["rules"] ?? .null, mark: header.map.mark(at: header.map.position(ofString: "rules") ?? 0), source: packDocument.source, diagnostics: &diagnostics)
            ruleFiles = []
        }
        header.finish(allowed: packFields)
        diagnostics += header.diagnostics

        for file in ruleFiles {
            guard let document = loadYAML(file) else { continue }
            var reader = FieldReader(document.root, mark: document.rootMark, source: document.source, what: "a rule file", diagnostics: &diagnostics)
            if let (value, mark) = reader.raw("rules", required: true) {
                rules += RuleReader(known: known, lets: parameterNames + lets.map(\.name), sections: sections, checked: checked).readRules(value, mark: mark, source: document.source, diagnostics: &diagnostics)
            }
            reader.finish(allowed: ["rules"])
            diagnostics += reader.diagnostics
        }

        // Rule ids are unique across the pack.
        var seen: [String: SourceLocation] = [:]
        for rule in rules {
            if let first = seen[rule.id] {
                diagnostics.append(Diagnostic(.error, at: rule.location, "duplicate rule id '\(rule.id)'", notes: ["first defined at \(first)"]))
            } else {
                seen[rule.id] = rule.location
            }
        }
        if !diagnostics.isEmpty {
            throw DiagnosticError(diagnostics, sources: sources)
        }
        for i in rules.indices { rules[i].pack = id }
        let unit = Pack(id: id, title: title, version: version, path: path, catalogue: catalogue, parameters: parameters, lets: lets, rules: rules,
                        schema: schema, schemaClause: schemaClause, evidence: evidence)
        loaded[PackComposer.canonical(path)] = required + [unit]
        return required + [unit]
    }

    static func readCatalogue(_ value: Value, mark: SourceMark, source: SourceText, diagnostics: inout [Diagnostic]) -> [ClauseEntry] {
        guard case .list(let list) = value else {
            diagnostics.append(Diagnostic(.error, at: SourceLocation(file: source.name, mark: mark), "the clause catalogue must be a list of clauses"))
            return []
        }
        var entries: [ClauseEntry] = []
        var seen: Set<String> = []
        for i in 0..<list.count {
            var reader = FieldReader(list[i], mark: list.mark(at: i), source: source, what: "a catalogue entry", diagnostics: &diagnostics)
            let number = reader.string("number", required: true)
            let title = reader.string("title", required: true)
            let parent = reader.map["parent"] == .null ? nil : reader.string("parent", required: false)
            _ = reader.raw("parent", required: false)
            reader.finish(allowed: catalogueFields)
            diagnostics += reader.diagnostics
            if let number, let title {
                if !seen.insert(number).inserted {
                    diagnostics.append(Diagnostic(.error, at: SourceLocation(file: source.name, mark: list.mark(at: i)), "clause '\(number)' is listed twice in the catalogue"))
                }
                entries.append(ClauseEntry(number: number, title: title, parent: parent))
            }
        }
        return entries
    }

    static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else { return false }
        return s.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }
}
