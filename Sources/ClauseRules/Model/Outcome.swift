/// What a rule concluded about one element.
public enum Outcome: String, Sendable, Codable, CaseIterable {
    case pass
    case fail
    /// `when` excluded the element, or `each` filtered every record of a section that has
    /// records: never given for a section that is absent or empty.
    case notApplicable = "not_applicable"
    /// Evaluation failed; fail-closed: reported and fails the gate.
    case error
    case waived
    /// The evidence the rule or clause needs is absent or empty (ISO/IEC 20000-1 admits no
    /// exclusions from clauses 4–10, so missing records are never conformity).
    case noEvidence = "no_evidence"
}
