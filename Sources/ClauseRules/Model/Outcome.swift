/// What a rule concluded about one element.
public enum Outcome: String, Sendable, Codable, CaseIterable {
    case pass
    case fail
    /// `when` was false, or `each` gave no element.
    case notApplicable = "not_applicable"
    /// Evaluation failed; fail-closed: reported and fails the gate.
    case error
    case waived
}
