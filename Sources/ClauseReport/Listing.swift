/// How much of a large run the human-readable reports list (text and Markdown). Counts and
/// summaries are always complete, and the JSON, SARIF, JUnit and HTML reports always list every
/// finding: a run with hundreds of thousands of findings stays readable in a terminal and a pull
/// request without hiding that the findings exist.
public struct Listing: Sendable, Equatable {
    /// List no findings at all, only the summaries.
    public var summaryOnly = false
    /// List at most this many findings of each rule; the rest are counted in one line per rule.
    public var perRule: Int?

    /// Sets the limits; the defaults list every finding.
    public init(summaryOnly: Bool = false, perRule: Int? = nil) {
        self.summaryOnly = summaryOnly
        self.perRule = perRule
    }

    /// Whether the `seen`-th finding (1-based) of a rule is listed.
    func lists(_ seen: Int) -> Bool {
        !summaryOnly && seen <= (perRule ?? .max)
    }

    /// The line saying what was not listed, per rule in first-seen order, or nil.
    static func omitted(_ counts: [(rule: String, count: Int)]) -> String? {
        let parts = counts.filter { $0.count > 0 }
        guard !parts.isEmpty else { return nil }
        return "not listed here (the JSON report lists every finding): " + parts.map { "\($0.count) of \($0.rule)" }.joined(separator: ", ")
    }
}
