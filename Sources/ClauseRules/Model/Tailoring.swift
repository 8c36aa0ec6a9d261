/// What a tailoring file changed in a pack, and why: carried into every report, so that an
/// auditor always sees what was not checked, what was judged differently, and the reason given.
public struct Tailoring: Sendable, Codable, Hashable {
    public struct ParameterChange: Sendable, Codable, Hashable {
        public var name: String
        /// The pack's default and the value set, written as a tailoring file writes them.
        public var from: String
        public var to: String
        public var rationale: String
    }

    public struct RuleChange: Sendable, Codable, Hashable {
        public var rule: String
        public var title: String
        public var clauses: [String]
        /// `tailored_out` (not evaluated) or `severity`.
        public var change: String
        public var from: String?
        public var to: String?
        public var rationale: String
    }

    public struct ClauseChange: Sendable, Codable, Hashable {
        public var clause: String
        public var title: String
        public var rationale: String
    }

    /// The tailoring file, as given.
    public var file: String
    public var title: String
    public var parameters: [ParameterChange] = []
    public var rules: [RuleChange] = []
    /// Clauses deselected as a whole (their rules are listed under `rules`).
    public var clauses: [ClauseChange] = []
    /// Rules the organisation added from its own rule files.
    public var added: [String] = []
    /// Clauses of ISO/IEC 20000-1 (4 to 10) that no rule checks any more: exclusions the
    /// standard does not admit, accepted only with `--allow-exclusions`.
    public var exclusions: [String] = []

    enum CodingKeys: String, CodingKey {
        case file, title, parameters, rules, clauses, added, exclusions
    }

    /// The rule ids not evaluated.
    public var tailoredOut: [String] { rules.filter { $0.change == "tailored_out" }.map(\.rule) }
}
