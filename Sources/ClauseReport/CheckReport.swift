import ClauseRules

/// Everything one `clause check` run concluded: the `clause-results/1` document.
public struct CheckReport: Sendable, Codable {
    public struct Tool: Sendable, Codable {
        public var name = "clause"
        public var version: String
    }

    public struct PackInfo: Sendable, Codable {
        public var id: String
        public var title: String
        public var version: String
    }

    /// A rule of the pack as reports describe it (SARIF `rules[]`, the HTML rule list).
    public struct RuleInfo: Sendable, Codable {
        public var id: String
        public var title: String
        public var clauses: [ClauseReference]
        public var severity: Severity
        public var stage: Stage
        public var remediation: String
        /// Where the rule is written in its pack (`rules/iso20000-1/8.6-....yaml:4:9`).
        public var source: String
        /// The id of the pack that holds it; absent in results written before composition.
        public var pack: String?
    }

    public struct ClauseSummary: Sendable, Codable {
        public var number: String
        public var title: String
        public var parent: String?
        public var phase: String
        public var rules: Int
        public var pass: Int
        public var fail: Int
        public var error: Int
        public var waived: Int
        /// Rules and evidence requirements that found nothing to judge.
        public var noEvidence: Int
        /// `pass`, `fail`, `error`, `no_evidence`, `waived`, `not_applicable`, `tailored_out` or
        /// `no_rule`; only `pass` is conformity.
        public var status: String

        enum CodingKeys: String, CodingKey {
            case number, title, parent, phase, rules, pass, fail, error, waived, status
            case noEvidence = "no_evidence"
        }

        public init(number: String, title: String, parent: String?, phase: String, rules: Int, pass: Int, fail: Int,
                    error: Int, waived: Int, noEvidence: Int, status: String) {
            self.number = number
            self.title = title
            self.parent = parent
            self.phase = phase
            self.rules = rules
            self.pass = pass
            self.fail = fail
            self.error = error
            self.waived = waived
            self.noEvidence = noEvidence
            self.status = status
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            number = try c.decode(String.self, forKey: .number)
            title = try c.decode(String.self, forKey: .title)
            parent = try c.decodeIfPresent(String.self, forKey: .parent)
            phase = try c.decode(String.self, forKey: .phase)
            rules = try c.decode(Int.self, forKey: .rules)
            pass = try c.decode(Int.self, forKey: .pass)
            fail = try c.decode(Int.self, forKey: .fail)
            error = try c.decode(Int.self, forKey: .error)
            waived = try c.decode(Int.self, forKey: .waived)
            // Results written before no_evidence existed have none.
            noEvidence = try c.decodeIfPresent(Int.self, forKey: .noEvidence) ?? 0
            status = try c.decode(String.self, forKey: .status)
        }

        /// Whether the clause conforms: it has passing evidence and nothing against it.
        public var conforms: Bool { status == "pass" }
    }

    public var schema = "clause-results/1"
    public var tool: Tool
    public var pack: PackInfo
    /// Every pack composed into the one that ran, required ones first (one entry for a pack on
    /// its own); absent in results written before composition.
    public var packs: [PackInfo]?
    public var failOn: String
    public var gate: String
    public var snapshots: [SnapshotResult]
    public var clauses: [ClauseSummary]
    /// The rules that ran (after `--rule`, `--clause`, `--stage`), in pack order.
    public var rules: [RuleInfo]
    /// Every waiver given with `--waivers` and what became of it.
    public var waivers: [WaiverStatus]
    /// The results file given with `--baseline`, if any.
    public var baseline: String?
    /// What the tailoring file given with `--tailoring` changed, if any.
    public var tailoring: Tailoring?

    enum CodingKeys: String, CodingKey {
        case schema, tool, pack, packs, gate, snapshots, clauses, rules, waivers, baseline, tailoring
        case failOn = "fail_on"
    }

    /// Builds the report and decides the gate: failed when any finding is at or above
    /// `failOn` or any rule errored (fail-closed).
    public init(toolVersion: String, pack: Pack, rules: [Rule], snapshots: [SnapshotResult], failOn: Severity?,
                waivers: [WaiverStatus] = [], baseline: String? = nil, tailoring: Tailoring? = nil) {
        // The snapshot's own checks come first, as they ran, then the pack's rules.
        let builtins = BuiltinCheck.allCases.filter { check in snapshots.contains { $0.rules.contains { $0.rule == check.rawValue } } }
        self.rules = builtins.map { check in
            RuleInfo(id: check.rawValue, title: check.title,
                     clauses: pack.schemaClause.map { [ClauseReference(number: $0, title: pack.clause($0)?.title ?? "")] } ?? [],
                     severity: check.severity, stage: .documentation, remediation: check.remediation, source: "built-in",
                     pack: pack.schemaPack ?? pack.id)
        } + rules.map { rule in
            RuleInfo(id: rule.id, title: rule.title,
                     clauses: rule.clauses.map { ClauseReference(number: $0, title: pack.clause($0)?.title ?? "") },
                     severity: rule.severity, stage: rule.stage, remediation: rule.remediation, source: rule.location.description,
                     pack: rule.pack)
        }
        self.waivers = waivers
        self.baseline = baseline
        self.tailoring = tailoring
        self.tool = Tool(version: toolVersion)
        self.pack = PackInfo(id: pack.id, title: pack.title, version: pack.version)
        self.packs = pack.components.map { PackInfo(id: $0.id, title: $0.title, version: $0.version) }
        self.failOn = failOn?.rawValue ?? "none"
        self.snapshots = snapshots
        let failing = snapshots.flatMap(\.findings).contains { finding in
            finding.baseline != "unchanged"
                && (finding.outcome == .error
                    || ((finding.outcome == .fail || finding.outcome == .noEvidence) && failOn.map { finding.severity >= $0 } == true))
        }
        self.gate = failing ? "failed" : "passed"
        self.clauses = Self.summarise(pack.catalogue, snapshots, excluded: Set(tailoring?.exclusions ?? []))
    }

    /// Each clause's status. Passes and rules come from the pack's rules that cite the clause;
    /// nonconformities, errors, waivers and missing evidence from every finding that cites it
    /// (the snapshot's own checks cite the clauses of the section they concern).
    /// A clause a tailoring left with no rule (`--allow-exclusions`) is `tailored_out`: never
    /// conformity, and never `no_rule`, which would hide that it was checked before.
    static func summarise(_ catalogue: [ClauseEntry], _ snapshots: [SnapshotResult], excluded: Set<String> = []) -> [ClauseSummary] {
        let builtin = Set(BuiltinCheck.allCases.map(\.rawValue))
        let summaries = snapshots.flatMap(\.rules).filter { !builtin.contains($0.rule) }
        let findings = snapshots.flatMap(\.findings)
        return catalogue.map { entry in
            let own = summaries.filter { $0.clauses.contains(entry.number) }
            let cited = findings.filter { $0.clauses.contains { $0.number == entry.number } }
            func count(_ outcome: Outcome) -> Int { cited.filter { $0.outcome == outcome }.count }
            let pass = own.reduce(0) { $0 + $1.pass }
            let fail = count(.fail)
            let error = count(.error)
            let waived = count(.waived)
            // A rule counted as judging nothing whose section an evidence finding reports.
            let noEvidence = max(count(.noEvidence), own.filter { $0.noEvidence > 0 }.count)
            let ruleCount = Set(own.map(\.rule)).count
            let status = ruleCount == 0 && excluded.contains(entry.number) ? "tailored_out"
                : ruleCount == 0 && cited.isEmpty ? "no_rule"
                : error > 0 ? "error" : fail > 0 ? "fail" : noEvidence > 0 ? "no_evidence"
                : waived > 0 ? "waived" : pass > 0 ? "pass" : "not_applicable"
            return ClauseSummary(number: entry.number, title: entry.title, parent: entry.parent, phase: entry.phase, rules: ruleCount,
                                 pass: pass, fail: fail, error: error, waived: waived, noEvidence: noEvidence, status: status)
        }
    }

    public var gatePassed: Bool { gate == "passed" }
}

extension CheckReport {
    /// The pack a finding belongs to, for the reports that name it only when several packs ran
    /// (text, Markdown, HTML); nil for a pack on its own.
    public func owner(of finding: Finding) -> String? {
        (packs?.count ?? 1) > 1 ? finding.pack : nil
    }
}
