import ClauseDiagnostics
import ClauseValue

/// A governed exception: one rule's finding for a key (or keys matching a pattern) accepted until
/// a date, with the reason and who approved it.
public struct Waiver: Sendable, Codable, Hashable {
    /// The id of the rule whose findings it accepts.
    public var rule: String
    /// An exact key, or a pattern with `*` (any run of characters) and `?` (one character).
    /// Absent for rules that judge the snapshot once.
    public var key: String?
    /// Why the finding is accepted; must not be blank.
    public var reason: String
    /// Who approved the exception (`approved_by`), shown with every waived finding.
    public var approvedBy: String
    /// Last day the waiver applies (inclusive), `YYYY-MM-DD`.
    public var expires: String
    /// The waivers file the entry is written in.
    public var file: String
    /// Line of the entry in `file`, for messages.
    public var line: Int
    /// Column of the entry in `file`, for messages.
    public var column: Int

    enum CodingKeys: String, CodingKey {
        case rule, key, reason, expires, file, line, column
        case approvedBy = "approved_by"
    }

    /// Where the waiver is written, for messages about it.
    public var location: SourceLocation { SourceLocation(file: file, line: line, column: column) }

    /// Whether the waiver is past its date at evaluation time `now` (it applies through `expires`).
    public func isExpired(at now: Timestamp) -> Bool {
        guard let end = Timestamp(date: expires) else { return true }
        return now.seconds >= end.seconds + 86_400
    }

    /// Whether it is for `rule` and its pattern matches `key`; one without a key matches keyless findings.
    public func matches(rule: String, key: String?) -> Bool {
        guard rule == self.rule else { return false }
        switch (self.key, key) {
        case (nil, nil): return true
        case (let pattern?, let key?): return Self.glob(Array(pattern.unicodeScalars), Array(key.unicodeScalars))
        default: return false
        }
    }

    /// Glob matching without backtracking blow-up (the classic two-pointer algorithm).
    static func glob(_ p: [Unicode.Scalar], _ s: [Unicode.Scalar]) -> Bool {
        var i = 0, j = 0
        var star = -1, mark = 0
        while j < s.count {
            if i < p.count, p[i] == "?" || (p[i] != "*" && p[i] == s[j]) {
                i += 1; j += 1
            } else if i < p.count, p[i] == "*" {
                star = i; mark = j; i += 1
            } else if star >= 0 {
                i = star + 1; mark += 1; j = mark
            } else {
                return false
            }
        }
        while i < p.count, p[i] == "*" { i += 1 }
        return i == p.count
    }
}

/// What became of a waiver in a run: it waived findings, it had expired, or it matched nothing.
public struct WaiverStatus: Sendable, Codable, Hashable {
    /// `active` (it waived findings), `expired` (past its date) or `unused` (it matched nothing).
    public enum State: String, Sendable, Codable {
        case active, expired, unused
    }

    /// The waiver as read from the waivers file.
    public var waiver: Waiver
    /// What became of it, judged at the latest evaluation time of the run's snapshots.
    public var state: State
    /// Findings it waived (active) or would have waived (expired).
    public var matched: Int
    /// What an auditor should look at twice, shown in every report: a key pattern that waives
    /// every key of the rule, an expiry more than a year after the evaluation. Absent when none.
    public var notes: [String]?

    /// Makes a status; `Adjudication.apply` gives one per waiver.
    public init(waiver: Waiver, state: State, matched: Int, notes: [String]? = nil) {
        self.waiver = waiver
        self.state = state
        self.matched = matched
        self.notes = notes
    }

    /// The notes for `waiver` judged at `now`.
    public static func notes(for waiver: Waiver, at now: Timestamp) -> [String]? {
        var out: [String] = []
        if let key = waiver.key, !key.isEmpty, key.allSatisfy({ $0 == "*" }) { out.append("blanket: waives every key of \(waiver.rule)") }
        if let end = Timestamp(date: waiver.expires), end.seconds - now.seconds > 366 * 86_400 {
            out.append("expires more than a year after the evaluation")
        }
        return out.isEmpty ? nil : out
    }
}
