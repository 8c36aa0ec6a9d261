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

    enum CodingKeys: String, CodingKey {
        case rule, clauses, severity, stage, pass, fail, error, waived
        case notApplicable = "not_applicable"
    }

    mutating func count(_ outcome: Outcome) {
        switch outcome {
        case .pass: pass += 1
        case .fail: fail += 1
        case .notApplicable: notApplicable += 1
        case .error: error += 1
        case .waived: waived += 1
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

    enum CodingKeys: String, CodingKey {
        case file, document, sha256, rules, findings
        case asOf = "as_of"
        case asOfSource = "as_of_source"
    }
}
