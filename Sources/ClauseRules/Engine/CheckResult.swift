/// What one rule concluded over one snapshot, counted by outcome.
public struct RuleSummary: Sendable, Codable, Hashable {
    public var rule: String
    public var clauses: [String]
    public var severity: Severity
    public var stage: Stage
    public var pass = 0
    public var fail = 0
    public var notApplicable = 0
    public var error = 0
    public var waived = 0
    /// Judged nothing: a section the rule reads is absent, or the section it judges is empty.
    public var noEvidence = 0

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
    public var file: String
    public var document: Int
    public var sha256: String
    /// The evaluation time as RFC 3339, and where it came from: `option`, `snapshot`, `clock`.
    public var asOf: String
    public var asOfSource: String
    public var rules: [RuleSummary]
    public var findings: [Finding]
    /// With `--key`: the keys that matched an element of this snapshot.
    public var keys: [String]? = nil

    enum CodingKeys: String, CodingKey {
        case file, document, sha256, rules, findings, keys
        case asOf = "as_of"
        case asOfSource = "as_of_source"
    }
}
