import ClauseDiagnostics
import ClauseDocument
import ClauseExpression
import ClauseValue

/// Reads and compiles the rules of one rule file.
struct RuleReader {
    let known: Set<String>
    let lets: [String]
    /// The schema's sections, declared as variables.
    let sections: [String]
    /// Whether every name must be declared (the pack has a schema).
    let checked: Bool

    func readRules(_ value: Value, mark: SourceMark, source: SourceText, diagnostics: inout [Diagnostic]) -> [Rule] {
        guard case .list(let list) = value else {
            diagnostics.append(Diagnostic(.error, at: SourceLocation(file: source.name, mark: mark), "'rules' must be a list of rules"))
            return []
        }
        var rules: [Rule] = []
        for i in 0..<list.count {
            if let rule = readRule(list[i], mark: list.mark(at: i), source: source, diagnostics: &diagnostics) {
                rules.append(rule)
            }
        }
        return rules
    }

    private func readRule(_ value: Value, mark: SourceMark, source: SourceText, diagnostics: inout [Diagnostic]) -> Rule? {
        var r = FieldReader(value, mark: mark, source: source, what: "a rule", diagnostics: &diagnostics)
        defer { diagnostics += r.diagnostics }
        let idMark = r.map.position(ofString: "id").map { r.map.mark(at: $0) } ?? mark
        let id = r.string("id", required: true)
        let clauses = r.strings("clause", required: true) ?? []
        for (number, clauseMark) in clauses where !known.contains(number) {
            r.error(at: clauseMark, "clause '\(number)' is not in the pack's catalogue",
                    notes: FieldReader.suggestion(for: number, among: Array(known).sorted()).map { ["did you mean '\($0)'?"] } ?? [])
        }
        if clauses.isEmpty, r.map["clause"] != nil { r.error(at: mark, "a rule needs at least one clause") }
        let title = r.string("title", required: true)
        let severity = enumField(&r, "severity", Severity.self)
        let stage = enumField(&r, "stage", Stage.self)
        let elementName = r.string("as", required: false) ?? "it"
        if !PackLoader.isIdentifier(elementName) {
            r.error(at: r.map.mark(at: r.map.position(ofString: "as") ?? 0), "'as' must be an identifier, not '\(elementName)'")
        }
        let base = PackLoader.builtinVariables + sections + lets
        let outer = Environment(variables: base, allowUndeclared: !checked)
        let inner = Environment(variables: base + [elementName], allowUndeclared: !checked)
        let each = r.expression("each", required: false, environment: outer)
        let hasEach = r.map["each"] != nil
        let key = r.expression("key", required: hasEach, environment: inner)
        if !hasEach, r.map["key"] != nil { r.error(at: r.map.mark(at: r.map.position(ofString: "key") ?? 0), "'key' needs 'each': a rule without 'each' judges the snapshot once") }
        let when = r.expression("when", required: false, environment: hasEach ? inner : outer)
        let assertion = r.expression("assert", required: true, environment: hasEach ? inner : outer)
        let message = messageField(&r, environment: hasEach ? inner : outer)
        let remediation = r.string("remediation", required: false) ?? ""
        _ = r.string("description", required: false)
        let tests = readTests(&r, hasEach: hasEach)
        r.finish(allowed: PackLoader.ruleFields)
        guard let id, let title, let severity, let stage, let assertion, let message, !clauses.isEmpty,
              (each != nil) == hasEach, !hasEach || key != nil, (when != nil) == (r.map["when"] != nil)
        else { return nil }
        return Rule(id: id, clauses: clauses.map(\.0), title: title, severity: severity, stage: stage, each: each,
                    elementName: elementName, key: key, when: when, assert: assertion, message: message,
                    remediation: remediation, tests: tests, location: SourceLocation(file: source.name, mark: idMark))
    }

    private func enumField<E: RawRepresentable & CaseIterable>(_ r: inout FieldReader, _ key: String, _ type: E.Type) -> E? where E.RawValue == String {
        guard let text = r.string(key, required: true) else { return nil }
        if let value = E(rawValue: text) { return value }
        let allowed = E.allCases.map(\.rawValue)
        r.error(at: r.map.mark(at: r.map.position(ofString: key) ?? 0),
                "'\(text)' is not a valid \(key); expected one of \(allowed.map { "'\($0)'" }.joined(separator: ", "))",
                notes: FieldReader.suggestion(for: text, among: allowed).map { ["did you mean '\($0)'?"] } ?? [])
        return nil
    }

    private func messageField(_ r: inout FieldReader, environment: Environment) -> MessageTemplate? {
        guard let text = r.string("message", required: true) else { return nil }
        let mark = r.map.mark(at: r.map.position(ofString: "message") ?? 0)
        let origin = FieldReader.origin(at: mark, in: r.source)
        switch MessageTemplate.split(text) {
        case .failure(let error):
            r.diagnostics.append(Diagnostic(.error, at: origin.location(of: error.offset, in: text), error.message))
            return nil
        case .success(let pieces):
            var parts: [MessageTemplate.Part] = []
            var ok = true
            for piece in pieces {
                if !piece.isExpression {
                    parts.append(.text(piece.text))
                    continue
                }
                // Compile the part inside the whole message so its offsets land in the file.
                do {
                    let program = try Program.compile(piece.text, environment: environment, origin: ShiftedOrigin.origin(origin, text: text, offset: piece.offset))
                    parts.append(.expression(program))
                } catch {
                    r.diagnostics.append(contentsOf: error.diagnostics)
                    ok = false
                }
            }
            return ok ? MessageTemplate(parts: parts) : nil
        }
    }

    private func readTests(_ r: inout FieldReader, hasEach: Bool) -> [RuleTest] {
        guard let (value, mark) = r.raw("tests", required: false) else { return [] }
        guard case .list(let list) = value else {
            r.error(at: mark, "'tests' must be a list")
            return []
        }
        var tests: [RuleTest] = []
        for i in 0..<list.count {
            var diagnostics: [Diagnostic] = []
            var t = FieldReader(list[i], mark: list.mark(at: i), source: r.source, what: "a rule test", diagnostics: &diagnostics)
            let name = t.string("name", required: true)
            let snapshot = t.raw("snapshot", required: true)
            if let (value, mark) = snapshot, value.mapValue == nil { t.error(at: mark, "a test's 'snapshot' must be a mapping") }
            let asOf = t.string("as_of", required: false)
            // A test's date must be one: an unreadable one would silently run at the default.
            if let asOf, Timestamp(date: asOf) == nil, Timestamp(rfc3339: asOf) == nil, let (_, mark) = t.raw("as_of", required: false) {
                t.error(at: mark, "a test's 'as_of' must be a date (YYYY-MM-DD) or an RFC 3339 time, not '\(asOf)'")
            }
            if let (value, _) = snapshot, let map = value.mapValue, let at = map.position(ofString: "as_of") {
                let text = map.value(at: at).stringValue ?? ""
                if EvaluationTime.parse(text) == nil {
                    t.error(at: map.mark(at: at), "the test snapshot's 'as_of' must be a date (YYYY-MM-DD) or an RFC 3339 time")
                }
            }
            var expectation: RuleTest.Expectation?
            if let (value, mark) = t.raw("expect", required: true) {
                expectation = readExpectation(value, mark: mark, hasEach: hasEach, reader: &t)
            }
            t.finish(allowed: PackLoader.testFields)
            r.diagnostics += diagnostics + t.diagnostics
            if let name, let (snap, _) = snapshot, snap.mapValue != nil, let expectation {
                let invalid = Self.invalidPaths(in: t.map["expect"])
                tests.append(RuleTest(name: name, snapshot: snap, asOf: asOf, expectation: expectation, invalid: invalid,
                                      location: t.location(list.mark(at: i))))
            }
        }
        return tests
    }

    private func readExpectation(_ value: Value, mark: SourceMark, hasEach: Bool, reader t: inout FieldReader) -> RuleTest.Expectation? {
        if case .string(let s) = value {
            guard let outcome = Outcome(rawValue: s), outcome != .waived else {
                t.error(at: mark, "'\(s)' is not an outcome; expected 'pass', 'fail', 'not_applicable', 'no_evidence' or 'error'")
                return nil
            }
            return .outcome(outcome)
        }
        guard case .map(let map) = value else {
            t.error(at: mark, hasEach ? "'expect' must be a mapping such as {pass: [k1], fail: [k2]}" : "'expect' must be an outcome: pass, fail, not_applicable, no_evidence or error")
            return nil
        }
        if !hasEach {
            // `{outcome: fail, invalid: [path]}`: one outcome, and what the schema must reject.
            for i in 0..<map.count where map.keys[i].stringValue != "outcome" && map.keys[i].stringValue != "invalid" {
                t.error(at: map.keyMarks.isEmpty ? map.mark(at: i) : map.keyMarks[i],
                        "unknown field '\(map.keys[i].stringValue ?? "")' in 'expect'; a rule without 'each' expects {outcome: ..., invalid: [...]}")
            }
            guard let i = map.position(ofString: "outcome") else {
                t.error(at: mark, "'expect' must name the 'outcome' of a rule without 'each'")
                return nil
            }
            return readExpectation(map.value(at: i), mark: map.mark(at: i), hasEach: false, reader: &t)
        }
        var pass: [String] = []
        var fail: [String] = []
        var notApplicable: [String] = []
        for i in 0..<map.count {
            let key = map.keys[i].stringValue ?? ""
            guard key == "pass" || key == "fail" || key == "not_applicable" || key == "invalid" else {
                t.error(at: map.keyMarks.isEmpty ? map.mark(at: i) : map.keyMarks[i], "unknown field '\(key)' in 'expect'; expected 'pass', 'fail', 'not_applicable' or 'invalid'")
                continue
            }
            guard case .list(let keys) = map.values[i] else {
                t.error(at: map.mark(at: i), "'\(key)' must be a list of element keys")
                continue
            }
            let texts = keys.elements.map { $0.stringValue ?? JSONWriter.string($0) }
            switch key {
            case "pass": pass = texts
            case "fail": fail = texts
            case "invalid": break  // read by invalidPaths
            default: notApplicable = texts
            }
        }
        return .keys(pass: pass, fail: fail, notApplicable: notApplicable)
    }
}

extension RuleReader {
    /// `expect: {invalid: [services[0].status]}`: the schema violations a test expects.
    static func invalidPaths(in expect: Value?) -> [String] {
        guard let list = expect?.mapValue?["invalid"]?.listValue else { return [] }
        return list.elements.map { $0.stringValue ?? JSONWriter.string($0) }
    }
}

/// Maps offsets of one `{expr}` part back through its message to the file.
enum ShiftedOrigin {
    static func origin(_ origin: ExpressionOrigin, text: String, offset: Int) -> ExpressionOrigin {
        // Locate the part's first byte in the file, then treat the part as a plain scalar there.
        let start = origin.location(of: offset, in: text)
        return ExpressionOrigin(file: origin.file, mark: start.mark, style: .plain)
    }
}
