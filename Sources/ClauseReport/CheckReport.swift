import ClauseRules

/// Everything one `clause check` run concluded: the `clause-results/1` document.
public struct CheckReport: Sendable, Codable {
    /// The program that wrote the report, so a results file says which version judged it.
    public struct Tool: Sendable, Codable {
        /// Always `clause`.
        public var name = "clause"
        /// The version of Clause that ran the check.
        public var version: String
    }

    /// Which rule pack, and which edition of it, judged the snapshots.
    public struct PackInfo: Sendable, Codable {
        /// The pack's identifier (`iso20000-1`).
        public var id: String
        /// The pack's human-readable name, for report headings.
        public var title: String
        /// The pack's own version, so results say which edition of the rules applied.
        public var version: String
    }

    /// A rule of the pack as reports describe it (SARIF `rules[]`, the HTML rule list).
    public struct RuleInfo: Sendable, Codable {
        /// The rule's identifier, which its findings and `--rule` refer to.
        public var id: String
        /// What a passing SMS looks like, as one sentence.
        public var title: String
        /// The clauses the rule cites, each with its catalogue title.
        public var clauses: [ClauseReference]
        /// The grade of a failure, which `--fail-on` compares against.
        public var severity: Severity
        /// The audit stage the rule belongs to: `documentation` (stage 1) or `operation` (stage 2).
        public var stage: Stage
        /// What to do about a failure, shown with the rule's findings.
        public var remediation: String
        /// Where the rule is written in its pack (`rules/iso20000-1/8.6-....yaml:4:9`).
        public var source: String
        /// The id of the pack that holds it; absent in results written before composition.
        public var pack: String?
    }

    /// One clause of the pack's catalogue: what judged it, and its resulting status.
    public struct ClauseSummary: Sendable, Codable {
        /// The clause number (`8.6`).
        public var number: String
        /// The clause's title in the catalogue.
        public var title: String
        /// The number of the enclosing clause; nil for a top-level clause.
        public var parent: String?
        /// The PDCA phase of the clause (`Plan` to `Act`), for the per-phase summaries.
        public var phase: String
        /// How many of the pack's rules (not the built-in checks) cite the clause.
        public var rules: Int
        /// Passes of the rules that cite the clause, summed over the snapshots.
        public var pass: Int
        /// Nonconformities among the findings that cite the clause.
        public var fail: Int
        /// Evaluation errors among the findings that cite the clause.
        public var error: Int
        /// Findings that cite the clause and that a waiver accepted.
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

        /// Makes a summary from counts already worked out.
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

        /// Reads a summary back; results written before `no_evidence` existed count none.
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

    /// Always `clause-results/1`; `ResultsFile` reads a file back only under this schema.
    public var schema = "clause-results/1"
    /// The tool that ran the check, with its version.
    public var tool: Tool
    /// The pack that ran; for a composition, the composed pack itself (see `packs`).
    public var pack: PackInfo
    /// Every pack composed into the one that ran, required ones first (one entry for a pack on
    /// its own); absent in results written before composition.
    public var packs: [PackInfo]?
    /// The `--fail-on` threshold: `major`, `minor`, `observation` or `none`.
    public var failOn: String
    /// `failed` when a finding not already in the baseline errs, or fails or lacks evidence at or
    /// above `failOn` (fail-closed); else `passed`.
    public var gate: String
    /// The result of each snapshot document checked, with its findings.
    public var snapshots: [SnapshotResult]
    /// Every clause of the pack's catalogue with its status, in catalogue order.
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
        // The findings citing each clause, counted by outcome in one pass (not one pass over
        // every finding per clause of the catalogue: 50,000 findings made that half a second).
        var cited: [String: [Outcome: Int]] = [:]
        for snapshot in snapshots {
            for finding in snapshot.findings {
                for number in Set(finding.clauses.map(\.number)) { cited[number, default: [:]][finding.outcome, default: 0] += 1 }
            }
        }
        return catalogue.map { entry in
            let own = summaries.filter { $0.clauses.contains(entry.number) }
            let counts = cited[entry.number] ?? [:]
            func count(_ outcome: Outcome) -> Int { counts[outcome] ?? 0 }
            let pass = own.reduce(0) { $0 + $1.pass }
            let fail = count(.fail)
            let error = count(.error)
            let waived = count(.waived)
            // A rule counted as judging nothing whose section an evidence finding reports.
            let noEvidence = max(count(.noEvidence), own.filter { $0.noEvidence > 0 }.count)
            let ruleCount = Set(own.map(\.rule)).count
            let status = ruleCount == 0 && excluded.contains(entry.number) ? "tailored_out"
                : ruleCount == 0 && counts.isEmpty ? "no_rule"
                : error > 0 ? "error" : fail > 0 ? "fail" : noEvidence > 0 ? "no_evidence"
                : waived > 0 ? "waived" : pass > 0 ? "pass" : "not_applicable"
            return ClauseSummary(number: entry.number, title: entry.title, parent: entry.parent, phase: entry.phase, rules: ruleCount,
                                 pass: pass, fail: fail, error: error, waived: waived, noEvidence: noEvidence, status: status)
        }
    }

    /// Whether the gate passed; `clause check` exits 1 when it did not.
    public var gatePassed: Bool { gate == "passed" }
}

extension CheckReport {
    /// The pack a finding belongs to, for the reports that name it only when several packs ran
    /// (text, Markdown, HTML); nil for a pack on its own.
    public func owner(of finding: Finding) -> String? {
        (packs?.count ?? 1) > 1 ? finding.pack : nil
    }
}
