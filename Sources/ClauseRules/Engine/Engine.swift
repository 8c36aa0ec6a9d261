import ClauseDiagnostics
import ClauseDocument
import ClauseExpression
import ClauseValue
import Dispatch

/// Which rules of a pack to run: `--rule`, `--clause` (a prefix: `8.3` selects 8.3.x), `--stage`.
public struct RuleSelection: Sendable {
    public var rules: Set<String> = []
    public var clausePrefixes: [String] = []
    public var stage: Stage?

    public init(rules: Set<String> = [], clausePrefixes: [String] = [], stage: Stage? = nil) {
        self.rules = rules
        self.clausePrefixes = clausePrefixes
        self.stage = stage
    }

    public func includes(_ rule: Rule) -> Bool {
        if !rules.isEmpty && !rules.contains(rule.id) { return false }
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
    public let pack: Pack
    public let rules: [Rule]

    public init(pack: Pack, selection: RuleSelection = RuleSelection()) {
        self.pack = pack
        self.rules = pack.rules.filter { selection.includes($0) }
    }

    /// The outcome of one rule on one element, before locations are resolved.
    struct Judgement {
        var outcome: Outcome
        var element: Value?
        var key: String?
        var message: String
    }

    /// Evaluates every selected rule on `document` at time `now`.
    public func evaluate(_ document: Document, now: Timestamp, asOfSource: String, sha256: String) -> SnapshotResult {
        let context = EvaluationContext(pack: pack, document: document, now: now)
        var outputs = [[Judgement]](repeating: [], count: rules.count)
        var summaries = rules.map { RuleSummary(rule: $0.id, clauses: $0.clauses, severity: $0.severity, stage: $0.stage) }
        let parallel = rules.count > 1 && document.source.size > 256 * 1024
        if parallel {
            outputs.withUnsafeMutableBufferPointer { buffer in
                nonisolated(unsafe) let out = buffer
                DispatchQueue.concurrentPerform(iterations: rules.count) { i in
                    out[i] = judge(rules[i], context: context)
                }
            }
        } else {
            for i in rules.indices { outputs[i] = judge(rules[i], context: context) }
        }
        var findings: [Finding] = []
        // The elements that need a place in the report: those of failures and errors.
        var targets = Set<ObjectIdentifier>()
        for judgements in outputs {
            for judgement in judgements where judgement.outcome == .fail || judgement.outcome == .error {
                if let element = judgement.element, let id = EvidenceIndex.identity(of: element) { targets.insert(id) }
            }
        }
        let index = targets.isEmpty ? nil : EvidenceIndex(root: document.root, rootMark: document.rootMark, targets: targets)
        for (i, rule) in rules.enumerated() {
            for judgement in outputs[i] {
                summaries[i].count(judgement.outcome)
                guard judgement.outcome == .fail || judgement.outcome == .error else { continue }
                var path: String?
                var mark: SourceMark?
                if let element = judgement.element {
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
                    severity: rule.severity, stage: rule.stage, outcome: judgement.outcome, message: judgement.message,
                    remediation: rule.remediation, key: judgement.key, path: path, file: document.fileName,
                    line: mark.map { Int($0.line) }, column: mark.map { Int($0.column) },
                    fingerprint: Fingerprint.of(rule: rule.id, key: judgement.key ?? "")))
            }
        }
        return SnapshotResult(file: document.fileName, document: document.index, sha256: sha256, asOf: now.rfc3339,
                              asOfSource: asOfSource, rules: summaries, findings: findings)
    }

    /// Judges one rule: every element of `each`, or the snapshot once.
    func judge(_ rule: Rule, context: EvaluationContext) -> [Judgement] {
        guard let each = rule.each else {
            return [judgeOne(rule, element: nil, context: context)]
        }
        let elements: ValueList
        switch context.run(each, element: nil, name: rule.elementName) {
        case .failure(let error):
            return [Judgement(outcome: .error, element: nil, key: nil, message: "'each' failed: \(error.message)")]
        case .success(.list(let list)):
            elements = list
        case .success(let other):
            return [Judgement(outcome: .error, element: nil, key: nil, message: "'each' must give a list, not \(other.kindName)")]
        }
        if elements.isEmpty {
            return [Judgement(outcome: .notApplicable, element: nil, key: nil, message: "")]
        }
        var out: [Judgement] = []
        out.reserveCapacity(elements.count)
        for i in 0..<elements.count {
            out.append(judgeOne(rule, element: elements[i], context: context, index: i))
        }
        return out
    }

    private func judgeOne(_ rule: Rule, element: Value?, context: EvaluationContext, index: Int = 0) -> Judgement {
        var key: String?
        if let element, let keyProgram = rule.key {
            switch context.run(keyProgram, element: element, name: rule.elementName) {
            case .success(.string(let s)): key = s
            case .success(let other): key = MessageTemplate.display(other)
            case .failure(let error):
                return Judgement(outcome: .error, element: element, key: "#\(index)", message: "'key' failed: \(error.message)")
            }
        }
        if let when = rule.when {
            switch context.run(when, element: element, name: rule.elementName) {
            case .success(.bool(true)): break
            case .success(.bool(false)): return Judgement(outcome: .notApplicable, element: element, key: key, message: "")
            case .success(let other): return Judgement(outcome: .error, element: element, key: key, message: "'when' must give a bool, not \(other.kindName)")
            case .failure(let error): return Judgement(outcome: .error, element: element, key: key, message: "'when' failed: \(error.message)")
            }
        }
        switch context.run(rule.assert, element: element, name: rule.elementName) {
        case .success(.bool(true)):
            return Judgement(outcome: .pass, element: element, key: key, message: "")
        case .success(.bool(false)):
            return Judgement(outcome: .fail, element: element, key: key, message: context.render(rule.message, element: element, name: rule.elementName))
        case .success(let other):
            return Judgement(outcome: .error, element: element, key: key, message: "'assert' must give a bool, not \(other.kindName)")
        case .failure(let error):
            return Judgement(outcome: .error, element: element, key: key, message: "'assert' failed: \(error.message)")
        }
    }
}

extension Engine {
    /// One element's verdict, for `clause explain`.
    public struct Verdict: Sendable {
        public var key: String?
        public var outcome: Outcome
        public var message: String
    }

    /// Every element's verdict under one rule, passes and not-applicable ones included.
    public func verdicts(of rule: Rule, on document: Document, now: Timestamp) -> [Verdict] {
        let context = EvaluationContext(pack: pack, document: document, now: now)
        return judge(rule, context: context).map { Verdict(key: $0.key, outcome: $0.outcome, message: $0.message) }
    }
}
