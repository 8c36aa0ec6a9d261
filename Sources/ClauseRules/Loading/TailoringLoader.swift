import ClauseDiagnostics
import ClauseDocument
import ClauseValue
import Foundation

/// Applies a tailoring file (`clause check --tailoring FILE`) to a pack: parameter values,
/// deselected rules and clauses, changed severities and the organisation's own rule files, each
/// with its rationale. Every problem is a located error, all of them at once; a change that
/// would leave a clause of ISO/IEC 20000-1 unchecked is refused unless exclusions are allowed.
public enum TailoringLoader {
    static let fields = ["tailoring", "title", "pack", "parameters", "rules", "clauses", "rule_files"]
    static let parameterFields = ["value", "rationale"]
    static let ruleFields = ["select", "severity", "rationale"]
    static let clauseFields = ["select", "rationale"]

    /// The pack as the tailoring file at `path` changes it, and the record of those changes for reports.
    public static func apply(path: String, to pack: Pack, allowExclusions: Bool) throws(DiagnosticError) -> (Pack, Tailoring) {
        var diagnostics: [Diagnostic] = []
        var sources: [String: SourceText] = [:]
        guard FileReader.size(path) != nil else {
            throw DiagnosticError(Diagnostic(.error, at: SourceLocation(file: path, mark: .none), "no tailoring file at this path (or not a regular file)"))
        }
        let document: Document
        do {
            var options = LoadOptions()
            options.format = .yaml
            document = try DocumentLoader.load(path: path, options: options)[0]
        } catch {
            throw DiagnosticError([error.diagnostic], sources: error.source.map { [path: $0] } ?? [:])
        }
        sources[path] = document.source
        var reader = FieldReader(document.root, mark: document.rootMark, source: document.source, what: "the tailoring file", diagnostics: &diagnostics)
        let tailoringID = reader.string("tailoring", required: true) ?? ""
        let title = reader.string("title", required: true) ?? ""
        // A composed pack is tailored through any of its packs' ids.
        if let target = reader.string("pack", required: true), !pack.components.contains(where: { $0.id == target }) {
            reader.error(at: mark(of: "pack", in: reader), "this tailoring is for pack '\(target)', not '\(pack.components.map(\.id).joined(separator: "', '"))'")
        }
        var out = pack
        var record = Tailoring(file: path, title: title)

        // Parameters: a value of the declared type within the declared range, with a rationale.
        for (name, value, at, keyAt) in entries("parameters", &reader) {
            guard let index = out.parameters.firstIndex(where: { $0.name == name }) else {
                unknown("parameter", name, among: out.parameters.map(\.name), at: keyAt, &reader)
                continue
            }
            var entry = FieldReader(value, mark: at, source: document.source, what: "parameter '\(name)'", diagnostics: &diagnostics)
            let rationale = rationale(&entry)
            if let (raw, rawAt) = entry.raw("value", required: true) {
                switch out.parameters[index].accept(raw) {
                case .success(let accepted):
                    out.parameters[index].value = accepted
                    record.parameters.append(.init(name: name, from: Parameter.shown(out.parameters[index].defaultValue),
                                                   to: Parameter.shown(accepted), rationale: rationale))
                case .failure(let rejection):
                    entry.error(at: rawAt, "parameter '\(name)': \(rejection.message)")
                }
            }
            entry.finish(allowed: parameterFields)
            diagnostics += entry.diagnostics
        }

        // Rules: deselected or given another severity, with a rationale.
        var deselected: [String: (rationale: String, at: SourceMark)] = [:]
        for (id, value, at, keyAt) in entries("rules", &reader) {
            guard let index = out.rules.firstIndex(where: { $0.id == id }) else {
                unknown("rule", id, among: out.rules.map(\.id), at: keyAt, &reader)
                continue
            }
            var entry = FieldReader(value, mark: at, source: document.source, what: "rule '\(id)'", diagnostics: &diagnostics)
            let rationale = rationale(&entry)
            let select = entry.raw("select", required: false)
            let severity = entry.string("severity", required: false)
            entry.finish(allowed: ruleFields)
            let rule = out.rules[index]
            if let (raw, selectAt) = select {
                if raw == .bool(false) {
                    deselected[id] = (rationale, keyAt)
                } else if raw != .bool(true) {
                    entry.error(at: selectAt, "'select' must be true or false")
                }
            }
            if let severity {
                if let level = Severity(rawValue: severity) {
                    record.rules.append(.init(rule: id, title: rule.title, clauses: rule.clauses, change: "severity",
                                              from: rule.severity.rawValue, to: level.rawValue, rationale: rationale))
                    out.rules[index].severity = level
                } else {
                    entry.error(at: mark(of: "severity", in: entry), "'\(severity)' is not a valid severity; expected one of 'observation', 'minor', 'major'")
                }
            }
            // `select: true` alone, or nothing, changes nothing: an entry an auditor would misread.
            if deselected[id] == nil && severity == nil { entry.error(at: at, "rule '\(id)': give 'select: false' or a 'severity'") }
            diagnostics += entry.diagnostics
        }

        // Clauses: every rule citing only deselected clauses (or their subclauses) is deselected.
        var deselectedClauses: [(clause: String, rationale: String, at: SourceMark)] = []
        for (number, value, at, keyAt) in entries("clauses", &reader) {
            guard let entry = pack.clause(number) else {
                reader.error(at: keyAt, "clause '\(number)' is not in the pack's catalogue")
                continue
            }
            var fields = FieldReader(value, mark: at, source: document.source, what: "clause '\(number)'", diagnostics: &diagnostics)
            let rationale = rationale(&fields)
            if let (raw, selectAt) = fields.raw("select", required: true), raw != .bool(false) {
                fields.error(at: selectAt, "a clause can only be deselected ('select: false')")
            }
            fields.finish(allowed: clauseFields)
            diagnostics += fields.diagnostics
            deselectedClauses.append((entry.number, rationale, keyAt))
            record.clauses.append(.init(clause: entry.number, title: entry.title, rationale: rationale))
        }
        func under(_ clause: String, _ prefix: String) -> Bool { clause == prefix || clause.hasPrefix(prefix + ".") }
        // A rule goes when each clause it cites is a deselected clause, lies under one, or is an
        // ancestor of one (a rule citing 8.4 and 8.4.1 goes with 8.4.1).
        var removedBy: [String: Int] = [:]
        for rule in out.rules where deselected[rule.id] == nil {
            let direct = rule.clauses.compactMap { c in deselectedClauses.first { under(c, $0.clause) } }
            guard let by = direct.first, rule.clauses.allSatisfy({ c in deselectedClauses.contains { under(c, $0.clause) || under($0.clause, c) } })
            else { continue }
            deselected[rule.id] = ("clause \(by.clause) deselected: \(by.rationale)", by.at)
            removedBy[by.clause, default: 0] += 1
        }
        for clause in deselectedClauses where removedBy[clause.clause] == nil {
            reader.error(at: clause.at, "deselecting clause \(clause.clause) removes no rule: every rule citing it also cites a clause that stays")
        }
        for rule in out.rules {
            guard let (rationale, _) = deselected[rule.id] else { continue }
            record.rules.append(.init(rule: rule.id, title: rule.title, clauses: rule.clauses, change: "tailored_out",
                                      from: nil, to: nil, rationale: rationale))
        }

        // Exclusions: a clause of 4 to 10 that a rule checked and none checks after tailoring.
        let before = Set(out.rules.flatMap(\.clauses))
        let remaining = out.rules.filter { deselected[$0.id] == nil }
        let after = Set(remaining.flatMap(\.clauses))
        for number in pack.catalogue.map(\.number) where before.contains(number) && !after.contains(number) {
            record.exclusions.append(number)
            guard !allowExclusions else { continue }
            // Located at the change that removed the clause's last rule.
            let at = deselectedClauses.first { under(number, $0.clause) }?.at
                ?? out.rules.first { $0.clauses.contains(number) }.flatMap { deselected[$0.id]?.at } ?? document.rootMark
            reader.error(at: at, "this leaves clause \(number) (\(pack.clause(number)?.title ?? "")) with no rule; ISO/IEC 20000-1 admits no exclusions from clauses 4 to 10",
                         notes: ["pass --allow-exclusions to accept it; every report then lists it as an exclusion"])
        }
        out.rules = remaining
        if !record.exclusions.isEmpty && allowExclusions {
            let excluded = Set(record.exclusions)
            out.evidence = out.evidence.compactMap { requirement in
                var kept = requirement
                kept.clauses.removeAll { excluded.contains($0) }
                return kept.clauses.isEmpty ? nil : kept
            }
        }

        // The organisation's own rule files, next to the tailoring file.
        if let names = reader.strings("rule_files", required: false) {
            let folder = (path as NSString).deletingLastPathComponent
            let ruleReader = RuleReader(known: Set(pack.catalogue.map(\.number)), lets: pack.parameters.map(\.name) + pack.lets.map(\.name),
                                        sections: pack.sections, checked: pack.schema != nil)
            for (name, at) in names {
                switch PackPath.resolve(name, in: folder.isEmpty ? "." : folder) {
                case .failure(let refusal):
                    reader.error(at: at, refusal.message("rule file", name, owner: "tailoring file"))
                case .success(let file):
                    do {
                        var options = LoadOptions()
                        options.format = .yaml
                        options.recordScalars = true
                        let rules = try DocumentLoader.load(path: file, options: options)[0]
                        sources[file] = rules.source
                        var fileReader = FieldReader(rules.root, mark: rules.rootMark, source: rules.source, what: "a rule file", diagnostics: &diagnostics)
                        if let (value, mark) = fileReader.raw("rules", required: true) {
                            let added = ruleReader.readRules(value, mark: mark, source: rules.source, diagnostics: &diagnostics)
                            // A file named to add rules that adds none is a mistake, not a tailoring.
                            if case .list(let list) = value, list.count == 0 {
                                fileReader.error(at: mark, "rule file '\(name)' holds no rules")
                            }
                            for rule in added {
                                if let clash = (pack.rules + out.rules).first(where: { $0.id == rule.id }) {
                                    diagnostics.append(Diagnostic(.error, at: rule.location, "duplicate rule id '\(rule.id)'", notes: ["first defined at \(clash.location)"]))
                                } else {
                                    var added = rule
                                    added.pack = tailoringID  // the rules a tailoring adds are its own
                                    out.rules.append(added)
                                    record.added.append(rule.id)
                                }
                            }
                        }
                        fileReader.finish(allowed: ["rules"])
                        diagnostics += fileReader.diagnostics
                    } catch {
                        diagnostics.append(error.diagnostic)
                        if let source = error.source { sources[file] = source }
                    }
                }
            }
        }
        reader.finish(allowed: fields)
        diagnostics += reader.diagnostics
        if !diagnostics.isEmpty { throw DiagnosticError(diagnostics, sources: sources) }
        return (out, record)
    }

    /// The entries of a mapping field: key, value, the value's mark and the key's mark.
    /// `the pack has no rule 'CERT-05'`, with a did-you-mean among what the pack has.
    static func unknown(_ what: String, _ name: String, among names: [String], at mark: SourceMark, _ reader: inout FieldReader) {
        reader.error(at: mark, "the pack has no \(what) '\(name)'",
                     notes: FieldReader.suggestion(for: name, among: names).map { ["did you mean '\($0)'?"] } ?? [])
    }

    /// A rationale is what an auditor reads: it must say something.
    static func rationale(_ reader: inout FieldReader) -> String {
        guard let text = reader.string("rationale", required: true) else { return "" }
        if text.allSatisfy(\.isWhitespace) {
            reader.error(at: mark(of: "rationale", in: reader), "a rationale must not be empty: it is what an auditor reads")
        }
        return text
    }

    static func entries(_ field: String, _ reader: inout FieldReader) -> [(String, Value, SourceMark, SourceMark)] {
        guard let (value, at) = reader.raw(field, required: false) else { return [] }
        guard case .map(let map) = value else {
            reader.error(at: at, "'\(field)' must be a mapping")
            return []
        }
        return (0..<map.count).compactMap { i in
            let keyAt = i < map.keyMarks.count ? map.keyMarks[i] : map.mark(at: i)
            let key: String
            switch map.keys[i] {
            case .string(let s): key = s
            case .int, .uint, .double: key = FieldReader.scalarText(at: keyAt, in: reader.source) ?? JSONWriter.string(map.keys[i])
            default:
                reader.error(at: keyAt, "'\(field)' keys must be strings")
                return nil
            }
            return (key, map.values[i], map.mark(at: i), keyAt)
        }
    }

    static func mark(of key: String, in reader: FieldReader) -> SourceMark {
        reader.map.position(ofString: key).map { reader.map.mark(at: $0) } ?? reader.mark
    }
}
