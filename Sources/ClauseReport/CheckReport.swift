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
        /// `pass`, `fail`, `error`, `waived`, `not_applicable` or `no_rule`.
        public var status: String
    }

    public var schema = "clause-results/1"
    public var tool: Tool
    public var pack: PackInfo
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

    enum CodingKeys: String, CodingKey {
        case schema, tool, pack, gate, snapshots, clauses, rules, waivers, baseline
        case failOn = "fail_on"
    }

    /// Builds the report and decides the gate: failed when any finding is at or above
    /// `failOn` or any rule errored (fail-closed).
    public init(toolVersion: String, pack: Pack, rules: [Rule], snapshots: [SnapshotResult], failOn: Severity?,
                waivers: [WaiverStatus] = [], baseline: String? = nil) {
        self.rules = rules.map { rule in
            RuleInfo(id: rule.id, title: rule.title,
                     clauses: rule.clauses.map { ClauseReference(number: $0, title: pack.clause($0)?.title ?? "") },
                     severity: rule.severity, stage: rule.stage, remediation: rule.remediation, source: rule.location.description)
        }
        self.waivers = waivers
        self.baseline = baseline
        self.tool = Tool(version: toolVersion)
        self.pack = PackInfo(id: pack.id, title: pack.title, version: pack.version)
        self.failOn = failOn?.rawValue ?? "none"
        self.snapshots = snapshots
        let failing = snapshots.flatMap(\.findings).contains { finding in
            finding.baseline != "unchanged"
                && (finding.outcome == .error || (finding.outcome == .fail && failOn.map { finding.severity >= $0 } == true))
        }
        self.gate = failing ? "failed" : "passed"
        var clauses: [ClauseSummary] = []
        for entry in pack.catalogue {
            let summaries = snapshots.flatMap(\.rules).filter { $0.clauses.contains(entry.number) }
            let pass = summaries.reduce(0) { $0 + $1.pass }
            let fail = summaries.reduce(0) { $0 + $1.fail }
            let error = summaries.reduce(0) { $0 + $1.error }
            let waived = summaries.reduce(0) { $0 + $1.waived }
            let ruleCount = Set(summaries.map(\.rule)).count
            let status = ruleCount == 0 ? "no_rule" : error > 0 ? "error" : fail > 0 ? "fail" : waived > 0 ? "waived" : pass > 0 ? "pass" : "not_applicable"
            clauses.append(ClauseSummary(number: entry.number, title: entry.title, parent: entry.parent, phase: entry.phase, rules: ruleCount,
                                         pass: pass, fail: fail, error: error, waived: waived, status: status))
        }
        self.clauses = clauses
    }

    public var gatePassed: Bool { gate == "passed" }
}
