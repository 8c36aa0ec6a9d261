import ClauseDiagnostics
import ClauseDocument
import ClauseExpression
import ClauseValue
import Dispatch

/// Which rules of a pack to run: `--rule`, `--clause` (a prefix: `8.3` selects 8.3.x), `--stage`.
public struct RuleSelection: Sendable {
    /// `--rule`: the ids of the rules to run; empty for every rule.
    public var rules: Set<String> = []
    /// `--clause`: a rule runs when it cites one of these clauses or a subclause of one.
    public var clausePrefixes: [String] = []
    /// `--stage`: only rules of this stage run; nil for both stages.
    public var stage: Stage?
    /// `--key`: only elements with one of these keys are judged, and rules without `each`
    /// (which judge no keyed element) do not run.
    public var keys: Set<String> = []

    /// A selection from the command's options; the defaults select every rule.
    public init(rules: Set<String> = [], clausePrefixes: [String] = [], stage: Stage? = nil, keys: Set<String> = []) {
        self.rules = rules
        self.clausePrefixes = clausePrefixes
        self.stage = stage
        self.keys = keys
    }

    /// Whether `rule` passes every filter given; a rule without `each` never passes `--key`.
    public func includes(_ rule: Rule) -> Bool {
        if !rules.isEmpty && !rules.contains(rule.id) { return false }
        if !keys.isEmpty && rule.each == nil { return false }
        if let stage, rule.stage != stage { return false }
        if !clausePrefixes.isEmpty {
            return rule.clauses.contains { clause in
                clausePrefixes.contains { clause == $0 || clause.hasPrefix($0 + ".") }
            }
        }
        return true
    }
}

/// Evaluates a pack's rules against snapshot documents.
///
/// Deterministic: findings come out in pack order, then element order, however the work was
/// spread over cores.
public struct Engine: Sendable {
    /// The pack whose rules, parameters, `let`s and schema the engine uses.
    public let pack: Pack
    /// The rules the selection kept, in pack order: the only ones judged.
    public let rules: [Rule]
    /// Per rule: the snapshot sections it reads anywhere (through `let`s too), and those its
    /// `each` reads. A rule is not judged on a snapshot that lacks one of them.
    let reads: [[String]]
    let judges: [[String]]
    /// The evidence requirements this run checks: all, or those of the selected clauses; none
    /// when `--rule` picks rules (their own missing sections are reported on them instead).
    public let evidence: [EvidenceRequirement]
    /// The sections those requirements name: a rule missing one of these only counts it.
    let covered: Set<String>
    /// The `--key` values, if any (see `RuleSelection.keys`).
    public let keys: Set<String>
    /// How long one rule may take on one snapshot (`clause check --rule-timeout`); nil for no
    /// limit. Elements left unjudged are one error of the rule, never a pass.
    public var ruleTimeLimit: Duration? = nil
    /// Snapshots larger than this (bytes of source) are judged on both cores; the tests set it
    /// to 0 or `.max` to compare the two paths on the same snapshot.
    var parallelAbove = 256 * 1024

    /// Prepares the selected rules of `pack`, working out once which snapshot sections each reads.
    public init(pack: Pack, selection: RuleSelection = RuleSelection()) {
        self.pack = pack
        self.rules = pack.rules.filter { selection.includes($0) }
        self.keys = selection.keys
        // Sections a program reads: declared ones (with a schema), and names left to the
        // snapshot at run time (without one) — both are top-level keys of the snapshot.
        let sections = Set(pack.sections)
        var letSections: [String: Set<String>] = [:]
        for (name, program) in pack.lets {
            var used = Set(program.variables.filter(sections.contains)).union(program.undeclaredNames)
            for variable in program.variables { used.formUnion(letSections[variable] ?? []) }
            letSections[name] = used
        }
        func read(_ program: Program?) -> Set<String> {
            guard let program else { return [] }
            var used = Set(program.variables.filter(sections.contains)).union(program.undeclaredNames)
            for variable in program.variables { used.formUnion(letSections[variable] ?? []) }
            return used
        }
        reads = rules.map { rule in
            var used = read(rule.each).union(read(rule.key)).union(read(rule.when)).union(read(rule.assert))
            for case .expression(let program) in rule.message.parts { used.formUnion(read(program)) }
            return used.sorted()
        }
        judges = rules.map { read($0.each).sorted() }
        evidence = selection.rules.isEmpty ? pack.evidence.filter { requirement in
            selection.clausePrefixes.isEmpty || requirement.clauses.contains { clause in
                selection.clausePrefixes.contains { clause == $0 || clause.hasPrefix($0 + ".") }
            }
        } : []
        covered = Set(evidence.map(\.section))
    }

    /// The outcome of one rule on one element, before locations are resolved.
    struct Judgement {
        var outcome: Outcome
        var element: Value?
        var key: String?
        var message: String
        /// For a rule judged on nothing: the section to point at, and whether an `evidence`
        /// finding of this run already reports it (then the rule only counts it).
        var place: (path: String, mark: SourceMark)? = nil
        var reported = false
        /// For an element that is not a list or map (a string in a list of ids): the list it
        /// came from and its position, since only containers can be found by identity.
        var owner: (list: ValueList, position: Int)? = nil
        /// For an error on a value of the snapshot: the field that held it.
        var field: FailedField? = nil
        /// For elements a time limit left unjudged: how many, and which limit.
        var unjudged: (count: Int, stop: Stop)? = nil
    }

    /// Which time limit stopped the judging of a rule.
    enum Stop { case run, rule }

    /// Evaluates every selected rule on `document` at time `now`, after checking the snapshot
    /// itself (schema, evidence, provenance); `strict` makes unknown sections and fields errors.
    public func evaluate(_ document: Document, now: Timestamp, asOfSource: String, sha256: String, strict: Bool = false) -> SnapshotResult {
        let context = EvaluationContext(pack: pack, document: document, now: now, keys: keys.isEmpty ? nil : KeyFilter(keys: keys))
        let clock = RuleClock(limit: ruleTimeLimit, rules: rules.count)
        let checks = SnapshotAssessment(pack: pack, document: document, now: now, period: context.period, evidence: evidence, strict: strict)
        var summaries = rules.map { RuleSummary(rule: $0.id, clauses: $0.clauses, severity: $0.severity, stage: $0.stage) }
        // Each rule's judgements, in one or more consecutive parts, in rule order.
        let outputs: [Part]
        let assessment: (findings: [Finding], summaries: [RuleSummary])
        // Large snapshots on both cores, even for one rule (its elements are shared out); the
        // snapshot's own checks run on one core while the rules start on the other.
        if document.contentSize > parallelAbove {
            var assessed: (findings: [Finding], summaries: [RuleSummary]) = ([], [])
            let parts = withUnsafeMutablePointer(to: &assessed) { pointer in
                nonisolated(unsafe) let out = pointer
                return judgeInParallel(context: context, clock: clock) { out.pointee = checks.run() }
            }
            // A rule judged in several parts may have stopped in several; the serial `judge`
            // merges its own.
            outputs = mergingUnjudged(parts, context: context)
            assessment = assessed
        } else {
            assessment = checks.run()
            outputs = rules.indices.map { Part(rule: $0, judgements: judge($0, context: context, clock: clock)) }
        }
        var findings: [Finding] = assessment.findings
        // The elements that need a place in the report: those of failures and errors.
        var targets = Set<ObjectIdentifier>()
        for part in outputs {
            for judgement in part.judgements where judgement.outcome == .fail || judgement.outcome == .error {
                if let element = judgement.element, let id = element.storageIdentity { targets.insert(id) }
                if let owner = judgement.owner { targets.insert(ObjectIdentifier(owner.list)) }
            }
        }
        let index = targets.isEmpty ? nil : EvidenceIndex(root: document.root, rootMark: document.rootMark, targets: targets)
        for part in outputs {
            let i = part.rule
            let rule = rules[i]
            summaries[i].pass += part.passed
            summaries[i].notApplicable += part.notApplicable
            for judgement in part.judgements {
                summaries[i].count(judgement.outcome)
                guard judgement.outcome == .fail || judgement.outcome == .error || (judgement.outcome == .noEvidence && !judgement.reported) else { continue }
                var path: String?
                var mark: SourceMark?
                var message = judgement.message
                if let field = judgement.field {
                    var base: ValuePath? = ValuePath()
                    if field.fromElement {
                        base = judgement.element.flatMap { index?.place(of: $0)?.0 }
                    }
                    let full = base.map { field.keys.reduce($0) { $0.appending(key: $1) } }
                    message = field.message(path: full)
                    path = full?.description
                    mark = field.mark
                } else if let place = judgement.place {
                    path = place.path
                    mark = place.mark
                } else if let owner = judgement.owner {
                    if let (p, _) = index?.place(of: .list(owner.list)) {
                        path = p.appending(index: owner.position).description
                        mark = owner.list.mark(at: owner.position)
                    }
                } else if let element = judgement.element {
                    if let (p, m) = index?.place(of: element) {
                        path = p.description
                        mark = m
                    }
                } else if let (name, m) = context.evidence(for: rule) {
                    path = name
                    mark = m
                }
                findings.append(Finding(
                    rule: rule.id, title: rule.title,
                    clauses: rule.clauses.map { ClauseReference(number: $0, title: pack.clause($0)?.title ?? "") },
                    severity: rule.severity, stage: rule.stage, outcome: judgement.outcome, message: message,
                    remediation: rule.remediation, key: judgement.key, path: path, file: document.fileName(at: path),
                    line: mark.map { Int($0.line) }, column: mark.map { Int($0.column) },
                    fingerprint: Fingerprint.of(rule: rule.id, key: judgement.key ?? ""), pack: rule.pack))
            }
        }
        return SnapshotResult(file: document.fileName, document: document.index, sha256: sha256, asOf: now.rfc3339,
                              asOfSource: asOfSource, rules: assessment.summaries + summaries, findings: findings,
                              keys: context.keys.map(\.matched))
    }

    /// What a rule is to judge: the snapshot once, the elements its `each` gave, or nothing
    /// more (its `each` failed or was empty: the judgements are already made).
    enum Work {
        case snapshot
        case elements(ValueList)
        case done([Judgement])
    }

    /// Evaluates a rule's `each`, unless the snapshot lacks what the rule reads.
    func work(_ index: Int, context: EvaluationContext) -> Work {
        if let missing = missingEvidence(rule: index, context: context) { return .done([missing]) }
        if RunDeadline.passed { return .done([Self.unjudged(1, .run)]) }
        let rule = rules[index]
        guard let each = rule.each else { return .snapshot }
        switch context.run(each, element: nil, name: rule.elementName) {
        case .failure(let error):
            return .done([Judgement(outcome: .error, element: nil, key: nil, message: "'each' failed: \(error.message)")])
        case .success(.list(let list)):
            if list.isEmpty { return .done([Judgement(outcome: .notApplicable, element: nil, key: nil, message: "")]) }
            guard let filter = context.keys, let keyProgram = rule.key else { return .elements(list) }
            // Only the elements with a wanted key; one whose key fails is kept, to be an error.
            let kept = list.elements.filter { element in
                switch context.run(keyProgram, element: element, name: rule.elementName) {
                case .success(let key): filter.admits(MessageTemplate.display(key))
                case .failure: true
                }
            }
            return kept.isEmpty ? .done([]) : .elements(ValueList(kept))
        case .success(let other):
            return .done([Judgement(outcome: .error, element: nil, key: nil, message: "'each' must give a list, not \(other.kindName)")])
        }
    }

    /// A `no_evidence` judgement when a section the rule reads is absent (or null), or the section
    /// its `each` judges is empty: the rule cannot conclude anything, and must not pass.
    func missingEvidence(rule index: Int, context: EvaluationContext) -> Judgement? {
        for section in reads[index] {
            let (value, mark) = context.section(section)
            let empty = judges[index].contains(section) && value.map(SnapshotAssessment.isEmpty) == true
            guard value == nil || value == .null || empty else { continue }
            let message = value == nil || value == .null
                ? "no evidence: the snapshot has no '\(section)' section, which this rule reads"
                : "no evidence: the '\(section)' section this rule judges is empty"
            return Judgement(outcome: .noEvidence, element: nil, key: nil, message: message,
                             place: (section, mark), reported: covered.contains(section))
        }
        return nil
    }

    /// A failure or error on a scalar element keeps the list and position it came from.
    private func owned(_ judgement: Judgement, _ list: ValueList, _ position: Int) -> Judgement {
        guard judgement.outcome == .fail || judgement.outcome == .error,
              let element = judgement.element, element.storageIdentity == nil else { return judgement }
        var out = judgement
        out.owner = (list, position)
        return out
    }

    /// Judges one rule: every element of `each` (binding each program's variables once for
    /// all of them), or the snapshot once.
    func judge(_ index: Int, context: EvaluationContext, clock: RuleClock? = nil) -> [Judgement] {
        let rule = rules[index]
        switch work(index, context: context) {
        case .snapshot:
            return [judgeOne(rule, element: nil, context: context)]
        case .elements(let list):
            let clock = clock ?? RuleClock(limit: ruleTimeLimit, rules: rules.count)
            let programs = BoundPrograms(rule: rule, context: context)
            var out: [Judgement] = []
            out.reserveCapacity(list.count)
            let start = ContinuousClock.now
            var next = 0
            for i in 0..<list.count {
                if let stop = clock.stop(rule: index, done: i, since: start, next: &next) {
                    out.append(Self.unjudged(list.count - i, stop))
                    return mergingUnjudged([Part(rule: index, judgements: out)], context: context)[0].judgements
                }
                list.prefetch(after: i)
                out.append(owned(judgeOne(rule, element: list[i], context: context, index: i, programs: programs), list, i))
            }
            clock.add(index, since: start)
            return out
        case .done(let judgements):
            return mergingUnjudged([Part(rule: index, judgements: judgements)], context: context)[0].judgements
        }
    }

    /// Elements a time limit left unjudged: counted, and merged per rule into one error (see
    /// `mergingUnjudged`), located at the section, never a silent pass.
    static func unjudged(_ count: Int, _ stop: Stop) -> Judgement {
        Judgement(outcome: .error, element: nil, key: nil, message: "", unjudged: (count, stop))
    }

    /// `120 s`, `0.5 s`.
    static func seconds(_ d: Duration) -> String {
        let ms = d.components.seconds * 1000 + d.components.attoseconds / 1_000_000_000_000_000
        return ms % 1000 == 0 ? "\(ms / 1000) s" : "\(Double(ms) / 1000) s"
    }

    /// One error per rule for the elements a time limit left unjudged, however many parts of
    /// the rule stopped, in its last part (so in rule order), naming the limit, at the section
    /// the rule judges.
    func mergingUnjudged(_ parts: [Part], context: EvaluationContext) -> [Part] {
        guard parts.contains(where: { $0.judgements.contains { $0.unjudged != nil } }) else { return parts }
        var out = parts
        var last: [Int: Int] = [:]
        var totals: [Int: (count: Int, stop: Stop)] = [:]
        for p in out.indices {
            last[out[p].rule] = p
            for case let (count, stop)? in out[p].judgements.map(\.unjudged) {
                let before = totals[out[p].rule]
                totals[out[p].rule] = ((before?.count ?? 0) + count, before?.stop == .rule || stop == .rule ? .rule : .run)
            }
            out[p].judgements.removeAll { $0.unjudged != nil }
        }
        for (rule, total) in totals {
            guard let p = last[rule] else { continue }
            let elements = "\(total.count) element\(total.count == 1 ? "" : "s")"
            let message = switch total.stop {
            case .run: "the run's time limit was reached (--timeout) before \(elements) of this rule were judged"
            case .rule: "this rule's time limit (--rule-timeout \(Self.seconds(ruleTimeLimit ?? .zero))) was reached before \(elements) were judged"
            }
            let section = judges[rule].first ?? reads[rule].first
            out[p].judgements.append(Judgement(outcome: .error, element: nil, key: nil, message: message,
                                               place: section.map { ($0, context.section($0).1) }))
        }
        return out
    }

    /// Consecutive judgements of one rule. Parts judged in parallel keep only the failures and
    /// errors (the report's findings) and count the rest, so that a large snapshot's passes
    /// are neither stored nor hold on to their elements.
    struct Part {
        var rule: Int
        var judgements: [Judgement]
        var passed = 0
        var notApplicable = 0
    }

    /// Every rule judged on both cores. Rules are not the unit of work: one rule can weigh more
    /// than all the others together (a join the runtime cannot plan, over the largest sections),
    /// and would keep one core busy alone at the end. So the `each` lists are computed first,
    /// rule by rule, then their elements are judged in chunks, whichever rule they belong to.
    /// The parts are returned in rule and element order (not joined: that would copy every
    /// judgement), so the findings are the same as one rule after the other.
    private func judgeInParallel(context: EvaluationContext, clock: RuleClock, alongside: @Sendable () -> Void) -> [Part] {
        var computed = [Work](repeating: .snapshot, count: rules.count)
        computed.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: rules.count) { i in
                out[i] = work(i, context: context)
            }
        }
        let chunk = 256
        var parts: [Part] = []
        var pending: [(part: Int, elements: ValueList?, range: Range<Int>)] = []
        for (i, work) in computed.enumerated() {
            switch work {
            case .snapshot:
                pending.append((parts.count, nil, 0..<1))
                parts.append(Part(rule: i, judgements: []))
            case .elements(let list):
                for start in stride(from: 0, to: list.count, by: chunk) {
                    pending.append((parts.count, list, start..<min(list.count, start + chunk)))
                    parts.append(Part(rule: i, judgements: []))
                }
            case .done(let judgements):
                parts.append(Part(rule: i, judgements: judgements))
            }
        }
        computed = []
        // Rules judging the same list take its chunks in turn (chunk 1 of every such rule, then
        // chunk 2...), so that a chunk's elements are fetched from memory once for all of them
        // rather than once per rule: a large snapshot does not fit in the caches. Only the order
        // of work changes; each part keeps its place.
        var group: [ObjectIdentifier: Int] = [:]
        for item in pending {
            if let list = item.elements, group[ObjectIdentifier(list)] == nil { group[ObjectIdentifier(list)] = group.count }
        }
        func order(_ item: (part: Int, elements: ValueList?, range: Range<Int>)) -> (Int, Int, Int) {
            guard let list = item.elements, let g = group[ObjectIdentifier(list)] else { return (-1, 0, item.part) }
            return (g, item.range.lowerBound, item.part)
        }
        let items = pending.sorted { order($0) < order($1) }
        pending = []
        parts.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            // Item 0 is the extra work, taken first by one thread while the others take chunks.
            DispatchQueue.concurrentPerform(iterations: items.count + 1) { k in
                guard k > 0 else { return alongside() }
                let (part, elements, range) = items[k - 1]
                let index = out[part].rule
                let rule = rules[index]
                if let elements {
                    let programs = BoundPrograms(rule: rule, context: context)
                    var kept: [Judgement] = []
                    var passed = 0
                    var notApplicable = 0
                    let start = ContinuousClock.now
                    defer { clock.add(index, since: start) }
                    var next = 0
                    for i in range {
                        if let stop = clock.stop(rule: index, done: i - range.lowerBound, since: start, next: &next) {
                            kept.append(Self.unjudged(range.upperBound - i, stop))
                            break
                        }
                        elements.prefetch(after: i)
                        let judgement = owned(judgeOne(rule, element: elements[i], context: context, index: i, programs: programs), elements, i)
                        switch judgement.outcome {
                        case .pass: passed += 1
                        case .notApplicable: notApplicable += 1
                        default: kept.append(judgement)
                        }
                    }
                    out[part].judgements = kept
                    out[part].passed = passed
                    out[part].notApplicable = notApplicable
                } else {
                    out[part].judgements = [judgeOne(rule, element: nil, context: context)]
                }
            }
        }
        return parts
    }

    /// A rule's key, `when` and `assert` with their variables bound, for judging many elements
    /// on one thread. A class: `judgeOne` captures it in its nested `run`, and as a struct of
    /// four references it was copied (and retained) into that closure per element, which made
    /// the 1M-incident import check about 17% slower (farm-bench against the class).
    final class BoundPrograms {
        enum Part { case key, when, assert }

        let key: PreparedProgram?
        let when: PreparedProgram?
        let assert: PreparedProgram?
        /// The field a key of the form `x.f` reads (most rules' keys, `inc.id`): read straight
        /// from the element when it is there, the program run only otherwise (for its error).
        let keyField: String?

        init(rule: Rule, context: EvaluationContext) {
            key = rule.key.flatMap { context.bind($0, name: rule.elementName) }
            when = rule.when.flatMap { context.bind($0, name: rule.elementName) }
            assert = context.bind(rule.assert, name: rule.elementName)
            keyField = rule.key?.fieldPath.flatMap { $0.variable == rule.elementName && $0.fields.count == 1 ? $0.fields[0] : nil }
        }
    }

    private func judgeOne(_ rule: Rule, element: Value?, context: EvaluationContext, index: Int = 0, programs: BoundPrograms? = nil) -> Judgement {
        /// Runs with the bound variables when there are some, else by name.
        func run(_ program: Program, _ part: BoundPrograms.Part) -> Result<Value, RuleFailure> {
            if let element, let programs {
                switch part {
                case .key: if let prepared = programs.key { return context.run(prepared, element: element) }
                case .when: if let prepared = programs.when { return context.run(prepared, element: element) }
                case .assert: if let prepared = programs.assert { return context.run(prepared, element: element) }
                }
            }
            return context.run(program, element: element, name: rule.elementName)
        }
        var key: String?
        if let field = programs?.keyField, case .map(let map)? = element, let at = map.position(ofString: field) {
            let value = map.value(at: at)
            key = value.stringValue ?? MessageTemplate.display(value)
        } else if let element, let keyProgram = rule.key {
            switch run(keyProgram, .key) {
            case .success(.string(let s)): key = s
            case .success(let other): key = MessageTemplate.display(other)
            case .failure(let error):
                return failed("'key'", error, element: element, key: "#\(index)", rule: rule, context: context)
            }
        }
        if let when = rule.when {
            switch run(when, .when) {
            case .success(.bool(true)): break
            case .success(.bool(false)): return Judgement(outcome: .notApplicable, element: element, key: key, message: "")
            case .success(let other): return Judgement(outcome: .error, element: element, key: key, message: "'when' must give a bool, not \(other.kindName)")
            case .failure(let error): return failed("'when'", error, element: element, key: key, rule: rule, context: context)
            }
        }
        switch run(rule.assert, .assert) {
        case .success(.bool(true)):
            return Judgement(outcome: .pass, element: element, key: key, message: "")
        case .success(.bool(false)):
            return Judgement(outcome: .fail, element: element, key: key, message: context.render(rule.message, element: element, name: rule.elementName))
        case .success(let other):
            return Judgement(outcome: .error, element: element, key: key, message: "'assert' must give a bool, not \(other.kindName)")
        case .failure(let error):
            return failed("'assert'", error, element: element, key: key, rule: rule, context: context)
        }
    }

    /// An error judgement, naming the snapshot field the failing call was given when there is one.
    private func failed(_ part: String, _ error: RuleFailure, element: Value?, key: String?, rule: Rule, context: EvaluationContext) -> Judgement {
        let stage = "\(part) failed"
        guard let field = FailedField.of(error, stage: stage, element: element, elementName: rule.elementName, context: context) else {
            return Judgement(outcome: .error, element: element, key: key, message: "\(stage): \(error.message)")
        }
        return Judgement(outcome: .error, element: element, key: key, message: field.message(path: nil), field: field)
    }
}

extension Engine {
    /// One element's verdict, for `clause explain`.
    public struct Verdict: Sendable {
        /// The element's key; nil for a rule that judges the snapshot once.
        public var key: String?
        /// `pass`, `fail`, `not_applicable`, `error` or `no_evidence`, before any waiver applies.
        public var outcome: Outcome
        /// What the rule said about the element; empty for a pass or a not-applicable one.
        public var message: String
    }

    /// Every element's verdict under one rule, passes and not-applicable ones included.
    public func verdicts(of rule: Rule, on document: Document, now: Timestamp) -> [Verdict] {
        guard let index = rules.firstIndex(where: { $0.id == rule.id }) else {
            return [Verdict(key: nil, outcome: .error, message: "rule '\(rule.id)' is not among this engine's selected rules")]
        }
        let context = EvaluationContext(pack: pack, document: document, now: now)
        return judge(index, context: context).map { Verdict(key: $0.key, outcome: $0.outcome, message: $0.message) }
    }
}
