import ClauseDiagnostics
import ClauseValue

/// The period an audit looks at: the snapshot's `period: {from, to}`, else the twelve months
/// ending at the evaluation time (a surveillance cycle).
public struct AuditPeriod: Sendable, Equatable {
    /// The first instant inside the period.
    public var from: Timestamp
    /// The last instant inside the period (`to` is a whole day: records on it are inside).
    public var through: Timestamp
    /// The period as the snapshot or the default gives it, for messages: `2025-07-01..2026-06-30`.
    public var text: String
    /// The period's last day (its first instant), or the evaluation time for the default period:
    /// what rules compare dates with (`date(x) <= audit_period.to`).
    public var to: Timestamp

    static let day: Int64 = 86_400

    /// Makes a period from parts already worked out; `of(_:now:)` derives them from a snapshot.
    public init(from: Timestamp, to: Timestamp, through: Timestamp, text: String) {
        self.from = from
        self.to = to
        self.through = through
        self.text = text
    }

    /// The `audit_period` variable of every rule: `{from, to, text}`, timestamps and the text.
    var value: Value {
        .map([(.string("from"), .timestamp(from)), (.string("to"), .timestamp(to)), (.string("text"), .string(text))])
    }

    /// The period a snapshot states, or the default before `now`.
    static func of(_ root: ValueMap?, now: Timestamp) -> AuditPeriod {
        if let period = root?["period"]?.mapValue,
           let from = period["from"]?.stringValue.flatMap(Timestamp.init(date:)),
           let to = period["to"]?.stringValue.flatMap(Timestamp.init(date:)), from <= to {
            return AuditPeriod(from: from, to: to, through: Timestamp(seconds: to.seconds + day - 1), text: "\(Self.date(from))..\(Self.date(to))")
        }
        let from = Timestamp(seconds: now.seconds - 365 * day)
        return AuditPeriod(from: from, to: now, through: now, text: "\(Self.date(from))..\(Self.date(now))")
    }

    /// Whether a record's date (YYYY-MM-DD or RFC 3339) falls inside the period.
    func contains(_ value: Value) -> Bool {
        guard let text = value.stringValue, let t = EvaluationTime.parse(text) else { return false }
        return from <= t && t <= through
    }

    /// Whether the stated `from`..`to` dates cover the whole period.
    func isCovered(from: Timestamp, to: Timestamp) -> Bool {
        from <= self.from && Timestamp(seconds: to.seconds + Self.day - 1) >= through
    }

    static func date(_ t: Timestamp) -> String { String(t.rfc3339.prefix(10)) }
}
