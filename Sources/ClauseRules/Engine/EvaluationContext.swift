import ClauseDiagnostics
import ClauseDocument
import ClauseExpression
import ClauseValue

/// The variables of one snapshot: `snapshot`, `now`, the pack's `let`s and every top-level key.
struct EvaluationContext: Sendable {
    let root: Value
    let rootMap: ValueMap?
    let rootMark: SourceMark
    /// The audit period, read once: the `audit_period` variable and the evidence checks.
    let period: AuditPeriod
    let fixed: [String: Value]
    let letErrors: [String: String]
    /// `--key`: the elements to judge, and the keys that matched one.
    let keys: KeyFilter?

    init(pack: Pack, document: Document, now: Timestamp, keys: KeyFilter? = nil) {
        self.keys = keys
        root = document.root
        rootMap = document.root.mapValue
        rootMark = document.rootMark
        var fixed: [String: Value] = [:]
        if let map = rootMap {
            for i in 0..<map.count {
                if case .string(let name) = map.key(at: i) { fixed[name] = map.value(at: i) }
            }
        }
        fixed["snapshot"] = document.root
        fixed["now"] = .timestamp(now)
        period = AuditPeriod.of(rootMap, now: now)
        fixed["audit_period"] = period.value
        for parameter in pack.parameters { fixed[parameter.name] = parameter.value }
        var letErrors: [String: String] = [:]
        for (name, program) in pack.lets {
            var slots: [Value] = []
            var complete = true
            for variable in program.variables {
                if let value = fixed[variable] { slots.append(value) } else { complete = false }
            }
            do {
                fixed[name] = complete && program.undeclaredNames.isEmpty ? try program.evaluate(slots: slots) : try program.evaluate(Activation(fixed))
            } catch {
                letErrors[name] = error.message
            }
        }
        self.fixed = fixed
        self.letErrors = letErrors
    }

    /// Evaluates `program` with the element bound to `name`.
    func run(_ program: Program, element: Value?, name: String) -> Result<Value, RuleFailure> {
        if !program.undeclaredNames.isEmpty { return runWithMissing(program, element: element, name: name) }
        var slots: [Value] = []
        slots.reserveCapacity(program.variables.count)
        for variable in program.variables {
            if variable == name, let element {
                slots.append(element)
            } else if let value = fixed[variable] {
                slots.append(value)
            } else {
                return runWithMissing(program, element: element, name: name)
            }
        }
        do {
            return .success(try program.evaluate(slots: slots))
        } catch {
            return .failure(RuleFailure(message: error.message, subject: error.subject))
        }
    }

    /// `program` with its variables other than the element `name` in place, for evaluating it
    /// over many elements on one thread; nil if it does not read the element or some other
    /// variable is absent (then `run` by name).
    func bind(_ program: Program, name: String) -> PreparedProgram? {
        guard program.undeclaredNames.isEmpty else { return nil }
        var slots: [Value] = []
        var elementSlot: Int?
        for (i, variable) in program.variables.enumerated() {
            if variable == name {
                elementSlot = i
                slots.append(.null)
            } else if let value = fixed[variable] {
                slots.append(value)
            } else {
                return nil
            }
        }
        guard let elementSlot else { return nil }
        return PreparedProgram(program, slots: slots, varying: elementSlot)
    }

    /// Evaluates a prepared program with `element` as its element: what `run` gives, without
    /// looking up or copying the other variables per evaluation.
    func run(_ prepared: PreparedProgram, element: Value) -> Result<Value, RuleFailure> {
        do {
            return .success(try prepared.evaluate(element))
        } catch {
            return .failure(RuleFailure(message: error.message, subject: error.subject))
        }
    }

    /// A variable is absent (a section the snapshot lacks), or the program names sections it
    /// did not declare (a pack without a schema): evaluate by name, so that it is an error only
    /// where the expression really needs it.
    private func runWithMissing(_ program: Program, element: Value?, name: String) -> Result<Value, RuleFailure> {
        var values: [String: Value] = [:]
        for variable in program.variables + program.undeclaredNames {
            if variable == name, let element { values[variable] = element } else if let v = fixed[variable] { values[variable] = v }
        }
        do {
            return .success(try program.evaluate(Activation(values)))
        } catch {
            if let missing = program.variables.first(where: { values[$0] == nil }), let letError = letErrors[missing] {
                return .failure(RuleFailure(message: "let '\(missing)' failed: \(letError)"))
            }
            return .failure(RuleFailure(message: error.message, subject: error.subject))
        }
    }

    /// A finding's message; a part that fails to evaluate shows as `{error: ...}` rather than
    /// hiding the finding.
    func render(_ template: MessageTemplate, element: Value?, name: String) -> String {
        var out = ""
        for part in template.parts {
            switch part {
            case .text(let text): out += text
            case .expression(let program):
                switch run(program, element: element, name: name) {
                case .success(let value): out += MessageTemplate.display(value)
                case .failure(let error): out += "{error: \(error.message)}"
                }
            }
        }
        return out
    }

    /// A top-level section's value (nil when absent) and the mark of its key (the document's
    /// start when absent).
    func section(_ name: String) -> (Value?, SourceMark) {
        guard let map = rootMap, let i = map.position(ofString: name) else { return (nil, rootMark) }
        return (map.value(at: i), map.hasMarks ? map.keyMarks[i] : map.mark(at: i))
    }

    /// For a rule that judges the snapshot once: the first top-level section its assertion reads.
    func evidence(for rule: Rule) -> (String, SourceMark)? {
        guard let map = rootMap else { return nil }
        for variable in rule.assert.variables {
            if let i = map.position(ofString: variable) { return (variable, map.mark(at: i)) }
        }
        // `snapshot.section...`: the first section named that the snapshot has.
        var rest = Substring(rule.assert.source)
        while let range = rest.range(of: "snapshot.") {
            let name = rest[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            if let i = map.position(ofString: String(name)) { return (String(name), map.mark(at: i)) }
            rest = rest[range.upperBound...]
        }
        return nil
    }
}

/// Why evaluating part of a rule failed, in words for the finding.
struct RuleFailure: Error, Sendable {
    var message: String
    /// The path the failing call was given, as the expression names it (`it.sla.reviewed_on`).
    var subject: [String]? = nil
}
