/// What a rule concluded about one element.
public enum Outcome: String, Sendable, Codable, CaseIterable {
    /// The `assert` held for the element.
    case pass
    /// The `assert` was false: a nonconformity, reported as a finding.
    case fail
    /// `when` excluded the element, or `each` filtered every record of a section that has
    /// records: never given for a section that is absent or empty.
    case notApplicable = "not_applicable"
    /// Evaluation failed; fail-closed: reported and fails the gate.
    case error
    /// A failure or missing evidence that an unexpired waiver accepts; an error never is.
    case waived
    /// The evidence the rule or clause needs is absent or empty (ISO/IEC 20000-1 admits no
    /// exclusions from clauses 4–10, so missing records are never conformity).
    case noEvidence = "no_evidence"
}
