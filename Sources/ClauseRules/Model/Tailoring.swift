/// What a tailoring file changed in a pack, and why: carried into every report, so that an
/// auditor always sees what was not checked, what was judged differently, and the reason given.
public struct Tailoring: Sendable, Codable, Hashable {
    /// A parameter the tailoring file gave another value.
    public struct ParameterChange: Sendable, Codable, Hashable {
        /// The parameter's name, as rules read it.
        public var name: String
        /// The pack's default and the value set, written as a tailoring file writes them.
        public var from: String
        /// The value set, written as `from` is.
        public var to: String
        /// Why the organisation set it, as the tailoring file gives it.
        public var rationale: String
    }

    /// A rule the tailoring took out or gave another severity.
    public struct RuleChange: Sendable, Codable, Hashable {
        /// The id of the rule changed.
        public var rule: String
        /// The rule's title, so that a report reads without the pack.
        public var title: String
        /// The clauses the rule cites: what is no longer checked, or checked differently.
        public var clauses: [String]
        /// `tailored_out` (not evaluated) or `severity`.
        public var change: String
        /// For a severity change, the pack's severity; nil for a rule tailored out.
        public var from: String?
        /// For a severity change, the severity set; nil for a rule tailored out.
        public var to: String?
        /// Why the change was made; for a rule taken out with its clause, that clause's rationale.
        public var rationale: String
    }

    /// A clause deselected as a whole, taking out the rules that cite only it (or its subclauses).
    public struct ClauseChange: Sendable, Codable, Hashable {
        /// The number of the clause deselected.
        public var clause: String
        /// The clause's title from the pack's catalogue.
        public var title: String
        /// Why the organisation deselected it, as the tailoring file gives it.
        public var rationale: String
    }

    /// The tailoring file, as given.
    public var file: String
    /// The tailoring file's `title:`, naming it in every report.
    public var title: String
    /// Parameters given another value, in the order the file lists them.
    public var parameters: [ParameterChange] = []
    /// Rules taken out or given another severity, each with its rationale.
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
