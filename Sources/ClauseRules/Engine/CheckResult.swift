/// What one rule concluded over one snapshot, counted by outcome.
public struct RuleSummary: Sendable, Codable, Hashable {
    /// The id of the rule, or built-in check, counted.
    public var rule: String
    /// The clauses the rule cites.
    public var clauses: [String]
    /// The rule's severity as run, after any tailoring.
    public var severity: Severity
    /// The audit stage the rule serves.
    public var stage: Stage
    /// Judgements of `pass`.
    public var pass = 0
    /// Judgements of `fail` that no waiver accepted.
    public var fail = 0
    /// Judgements of `not_applicable` (see `Outcome.notApplicable`).
    public var notApplicable = 0
    /// Evaluations that failed: each is a finding and fails the gate.
    public var error = 0
    /// Failures and missing evidence a waiver accepted, moved here from `fail` or `noEvidence`.
    public var waived = 0
    /// Judged nothing: a section the rule reads is absent, or the section it judges is empty.
    public var noEvidence = 0

    /// Starts a rule's summary with every count at zero.
    public init(rule: String, clauses: [String], severity: Severity, stage: Stage) {
        self.rule = rule
        self.clauses = clauses
        self.severity = severity
        self.stage = stage
    }

    enum CodingKeys: String, CodingKey {
        case rule, clauses, severity, stage, pass, fail, error, waived
        case notApplicable = "not_applicable"
        case noEvidence = "no_evidence"
    }

    /// Reads a summary from saved results, taking `no_evidence` as 0 in those written before it.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rule = try c.decode(String.self, forKey: .rule)
        clauses = try c.decode([String].self, forKey: .clauses)
        severity = try c.decode(Severity.self, forKey: .severity)
        stage = try c.decode(Stage.self, forKey: .stage)
        pass = try c.decode(Int.self, forKey: .pass)
        fail = try c.decode(Int.self, forKey: .fail)
        notApplicable = try c.decode(Int.self, forKey: .notApplicable)
        error = try c.decode(Int.self, forKey: .error)
        waived = try c.decode(Int.self, forKey: .waived)
        // Results written before no_evidence existed have none.
        noEvidence = try c.decodeIfPresent(Int.self, forKey: .noEvidence) ?? 0
    }

    mutating func count(_ outcome: Outcome) {
        switch outcome {
        case .pass: pass += 1
        case .fail: fail += 1
        case .notApplicable: notApplicable += 1
        case .error: error += 1
        case .waived: waived += 1
        case .noEvidence: noEvidence += 1
        }
    }
}

/// The evaluation of one snapshot document.
public struct SnapshotResult: Sendable, Codable {
    /// The snapshot's file name, as locations give it.
    public var file: String
    /// 0-based position of the document in its file (a YAML stream may hold several).
    public var document: Int
    /// The snapshot file's SHA-256 in lowercase hex, proving which file was judged; empty if not computed.
    public var sha256: String
    /// The evaluation time as RFC 3339, and where it came from: `option`, `snapshot`, `clock`.
    public var asOf: String
    /// Where `asOf` came from: `option` (`--as-of`), `snapshot` (its `as_of`) or `clock`.
    public var asOfSource: String
    /// Counts by outcome per rule: the snapshot's built-in checks first, then the pack's rules.
    public var rules: [RuleSummary]
    /// Every finding: the built-in checks' first, then by rule in pack order and element order.
    public var findings: [Finding]
    /// With `--key`: the keys that matched an element of this snapshot.
    public var keys: [String]? = nil

    enum CodingKeys: String, CodingKey {
        case file, document, sha256, rules, findings, keys
        case asOf = "as_of"
        case asOfSource = "as_of_source"
    }
}
