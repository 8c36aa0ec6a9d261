/// One clause of the standard's catalogue: a fact (number and title), cited by findings.
public struct ClauseEntry: Sendable, Codable, Hashable {
    /// The clause number as written (`8.3.1`), kept as text so that `8.10` is not `8.1`.
    public var number: String
    /// The clause's title, quoted beside its number in findings and reports.
    public var title: String
    /// The number of the clause this one falls under; nil for a top-level clause.
    public var parent: String?

    /// Makes an entry; the loader reads one from each item of the pack's `clauses:` catalogue.
    public init(number: String, title: String, parent: String?) {
        self.number = number
        self.title = title
        self.parent = parent
    }

    /// PDCA phase of a clause: Plan 4–7, Do 8, Check 9, Act 10.
    public var phase: String {
        let top = number.split(separator: ".").first.map(String.init) ?? number
        switch top {
        case "4", "5", "6", "7": return "Plan"
        case "8": return "Do"
        case "9": return "Check"
        case "10": return "Act"
        default: return "Other"
        }
    }

    /// Orders clause numbers numerically (8.10 after 8.9).
    public static func numericOrder(_ a: String, _ b: String) -> Bool {
        let x = a.split(separator: ".").map { Int($0) ?? 0 }
        let y = b.split(separator: ".").map { Int($0) ?? 0 }
        return x.lexicographicallyPrecedes(y)
    }
}
