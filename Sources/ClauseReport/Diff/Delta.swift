import ClauseRules

/// What changed between two `clause-results/1` reports: the `clause-delta/1` document that
/// `clause diff` writes. Pure: built from two reports and a threshold, nothing else.
///
/// Findings are matched by fingerprint (rule id and key). Each finding is listed once, under the
/// first clause it cites, in one of five groups (see `Group`).
public struct Delta: Sendable, Codable {
    /// The five ways a finding can compare between OLD and NEW.
    public enum Group: String, Sendable, Codable, CaseIterable {
        /// Only in NEW, as a nonconformity or an error.
        case introduced
        /// Only in OLD.
        case resolved
        /// In both, with the same outcome, severity and message.
        case persisting
        /// In both, with a different outcome, severity or message (see `Entry.changes`).
        case changed
        /// Waived in NEW but not in OLD (a nonconformity there, or absent).
        case newlyWaived = "newly_waived"

        /// The group's heading in reports.
        public var title: String {
            switch self {
            case .introduced: "Introduced"
            case .resolved: "Resolved"
            case .persisting: "Persisting"
            case .changed: "Changed"
            case .newlyWaived: "Newly waived"
            }
        }
    }

    /// One side of the comparison: the pack and the snapshots its findings came from.
    public struct Side: Sendable, Codable {
        /// The pack that judged this side (from the results file, or `--pack`).
        public var pack: CheckReport.PackInfo
        /// The snapshot documents, in order.
        public var snapshots: [SnapshotInfo]
    }

    /// A snapshot document one side was evaluated from.
    public struct SnapshotInfo: Sendable, Codable {
        /// The snapshot file, as the results file names it.
        public var file: String
        /// 0-based index in a multi-document stream.
        public var document: Int
        /// Of the file's bytes.
        public var sha256: String
        /// The evaluation time (RFC 3339) and where it came from: `option`, `snapshot`, `clock`.
        public var asOf: String
        /// Where `asOf` came from: `option`, `snapshot` or `clock`.
        public var asOfSource: String

        enum CodingKeys: String, CodingKey {
            case file, document, sha256
            case asOf = "as_of"
            case asOfSource = "as_of_source"
        }
    }

    /// A finding as it stood on one side.
    public struct State: Sendable, Codable, Hashable {
        /// `fail`, `error` or `waived`.
        public var outcome: Outcome
        /// The rule's severity on this side.
        public var severity: Severity
        /// The finding's message on this side.
        public var message: String
        /// Where the evidence sits: a path (`services[3]`) and file:line:col.
        public var path: String?
        /// The file that holds the evidence.
        public var file: String
        /// The evidence's line in `file`, when known.
        public var line: Int?
        /// The evidence's column in `file`, when known.
        public var column: Int?
        /// The waiver that accepted the finding (outcome `waived`).
        public var waiver: Waiver?

        init(_ finding: Finding) {
            outcome = finding.outcome
            severity = finding.severity
            message = finding.message
            path = finding.path
            file = finding.file
            line = finding.line
            column = finding.column
            waiver = finding.waiver
        }

        /// `file:line:col` of the evidence.
        public var location: String {
            var text = file
            if let line { text += ":\(line)" }
            if let column { text += ":\(column)" }
            return text
        }
    }

    /// One field that differs between OLD and NEW for a finding present in both.
    public struct Change: Sendable, Codable, Hashable {
        /// `outcome`, `severity` or `message`.
        public var field: String
        /// The field's value in OLD.
        public var old: String
        /// The field's value in NEW.
        public var new: String

        /// A field that differs, with its OLD and NEW values.
        public init(field: String, old: String, new: String) {
            self.field = field
            self.old = old
            self.new = new
        }
    }

    /// One finding compared across the two sides.
    public struct Entry: Sendable, Codable {
        /// How the finding compares between OLD and NEW, which decides where reports list it.
        public var group: Group
        /// The rule's id and title.
        public var rule: String
        /// The rule's title, so the entry reads without the pack at hand.
        public var title: String
        /// The element's key, absent for rules that judge the snapshot once.
        public var key: String?
        /// What the two sides were matched on: rule id and key.
        public var fingerprint: String
        /// Every clause the finding cites (NEW's citation when it is in NEW); it is listed under the first.
        public var clauses: [ClauseReference]
        /// The finding in OLD and in NEW; absent on the side it is missing from, never both.
        public var old: State?
        /// The finding in NEW; nil for a resolved finding.
        public var new: State?
        /// For `changed`: what differs, in the order outcome, severity, message (absent otherwise).
        public var changes: [Change]?
        /// For `changed`: NEW is worse for the gate (a higher severity, a waiver no longer
        /// applying, or an evaluation that now errors).
        public var worse: Bool
        /// This entry is why the gate failed.
        public var failsGate: Bool

        enum CodingKeys: String, CodingKey {
            case group, rule, title, key, fingerprint, clauses, old, new, changes, worse
            case failsGate = "fails_gate"
        }

        /// The side that describes the finding now: NEW, or OLD for a resolved one.
        public var current: State { new ?? old! }

        /// Reads an entry back, rejecting one with neither side, which no comparison produces.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            group = try c.decode(Group.self, forKey: .group)
            rule = try c.decode(String.self, forKey: .rule)
            title = try c.decode(String.self, forKey: .title)
            key = try c.decodeIfPresent(String.self, forKey: .key)
            fingerprint = try c.decode(String.self, forKey: .fingerprint)
            clauses = try c.decode([ClauseReference].self, forKey: .clauses)
            old = try c.decodeIfPresent(State.self, forKey: .old)
            new = try c.decodeIfPresent(State.self, forKey: .new)
            changes = try c.decodeIfPresent([Change].self, forKey: .changes)
            worse = try c.decode(Bool.self, forKey: .worse)
            failsGate = try c.decode(Bool.self, forKey: .failsGate)
            guard old != nil || new != nil else {
                throw DecodingError.dataCorruptedError(forKey: .new, in: c, debugDescription: "an entry needs 'old', 'new' or both")
            }
        }

        init(group: Group, rule: String, title: String, key: String?, fingerprint: String, clauses: [ClauseReference],
             old: State?, new: State?, changes: [Change]?, worse: Bool, failsGate: Bool) {
            self.group = group
            self.rule = rule
            self.title = title
            self.key = key
            self.fingerprint = fingerprint
            self.clauses = clauses
            self.old = old
            self.new = new
            self.changes = changes
            self.worse = worse
            self.failsGate = failsGate
        }
    }

    /// The entries of one clause, by group, each list in rule id then key order.
    public struct ClauseDelta: Sendable, Codable {
        /// The clause number and its catalogue title.
        public var number: String
        /// The clause's title in the catalogue.
        public var title: String
        /// Entries only in NEW, as a nonconformity or an error.
        public var introduced: [Entry] = []
        /// Entries only in OLD.
        public var resolved: [Entry] = []
        /// Entries in both, with the same outcome, severity and message.
        public var persisting: [Entry] = []
        /// Entries in both, with a different outcome, severity or message.
        public var changed: [Entry] = []
        /// Entries waived in NEW but not in OLD.
        public var newlyWaived: [Entry] = []

        enum CodingKeys: String, CodingKey {
            case number, title, introduced, resolved, persisting, changed
            case newlyWaived = "newly_waived"
        }

        /// The entries of `group`.
        public func entries(_ group: Group) -> [Entry] {
            switch group {
            case .introduced: introduced
            case .resolved: resolved
            case .persisting: persisting
            case .changed: changed
            case .newlyWaived: newlyWaived
            }
        }

        mutating func append(_ entry: Entry) {
            switch entry.group {
            case .introduced: introduced.append(entry)
            case .resolved: resolved.append(entry)
            case .persisting: persisting.append(entry)
            case .changed: changed.append(entry)
            case .newlyWaived: newlyWaived.append(entry)
            }
        }
    }

    /// How many findings fell in each group, and how many fail the gate.
    public struct Totals: Sendable, Codable, Equatable {
        /// Entries only in NEW, as a nonconformity or an error, over all clauses.
        public var introduced = 0
        /// Entries only in OLD, over all clauses.
        public var resolved = 0
        /// Entries unchanged between the sides, over all clauses.
        public var persisting = 0
        /// Entries whose outcome, severity or message differs, over all clauses.
        public var changed = 0
        /// Entries waived in NEW but not in OLD, over all clauses.
        public var newlyWaived = 0
        /// Entries that fail the gate; any at all makes the gate `failed`.
        public var failingGate = 0

        /// Counts, all zero by default.
        public init(introduced: Int = 0, resolved: Int = 0, persisting: Int = 0, changed: Int = 0, newlyWaived: Int = 0, failingGate: Int = 0) {
            self.introduced = introduced
            self.resolved = resolved
            self.persisting = persisting
            self.changed = changed
            self.newlyWaived = newlyWaived
            self.failingGate = failingGate
        }

        enum CodingKeys: String, CodingKey {
            case introduced, resolved, persisting, changed
            case newlyWaived = "newly_waived"
            case failingGate = "failing_gate"
        }

        /// The number of entries in `group`.
        public func count(_ group: Group) -> Int {
            switch group {
            case .introduced: introduced
            case .resolved: resolved
            case .persisting: persisting
            case .changed: changed
            case .newlyWaived: newlyWaived
            }
        }

        mutating func add(_ entry: Entry) {
            switch entry.group {
            case .introduced: introduced += 1
            case .resolved: resolved += 1
            case .persisting: persisting += 1
            case .changed: changed += 1
            case .newlyWaived: newlyWaived += 1
            }
            if entry.failsGate { failingGate += 1 }
        }
    }

    /// Always `clause-delta/1`; a breaking change gets a new number.
    public var schema = "clause-delta/1"
    /// The tool that compared (each side's results may come from another version).
    public var tool: CheckReport.Tool
    /// The earlier and the later side.
    public var old: Side
    /// The later side, whose findings decide the gate.
    public var new: Side
    /// The `--fail-on` threshold: `major`, `minor`, `observation` or `none`.
    public var failOn: String
    /// `failed` when NEW introduces (or worsens into) a nonconformity at or above `fail_on`, or
    /// has any rule error (fail-closed); else `passed`.
    public var gate: String
    /// Clauses with at least one entry, in numeric order.
    public var clauses: [ClauseDelta]
    /// The entry counts over all clauses, by group, and how many fail the gate.
    public var totals: Totals

    enum CodingKeys: String, CodingKey {
        case schema, tool, old, new, gate, clauses, totals
        case failOn = "fail_on"
    }

    /// Whether `clause diff` exits 0.
    public var gatePassed: Bool { gate == "passed" }

    /// Compares `old` with `new`. Findings of all snapshot documents of a side are pooled; a
    /// fingerprint seen n times on a side (a repeated key, several documents) pairs its n-th
    /// occurrence with the other side's n-th.
    public init(old: CheckReport, new: CheckReport, failOn: Severity?, toolVersion: String) {
        tool = CheckReport.Tool(version: toolVersion)
        self.old = Self.side(old)
        self.new = Self.side(new)
        self.failOn = failOn?.rawValue ?? "none"

        let oldFindings = Self.occurrences(old)
        let newFindings = Self.occurrences(new)
        let oldByID = Dictionary(uniqueKeysWithValues: oldFindings.map { ($0.id, $0.finding) })
        let newIDs = Set(newFindings.map(\.id))
        var ranked: [(index: Int, entry: Entry)] = []
        for (id, finding) in newFindings {
            ranked.append((id.index, Self.entry(old: oldByID[id], new: finding, failOn: failOn)))
        }
        for (id, finding) in oldFindings where !newIDs.contains(id) {
            ranked.append((id.index, Self.entry(old: finding, new: nil, failOn: failOn)))
        }
        // Ties (one fingerprint seen several times) are broken by occurrence, never by hashing.
        let entries = ranked.sorted { Self.order($0.entry, $1.entry) || (!Self.order($1.entry, $0.entry) && $0.index < $1.index) }.map(\.entry)

        var byClause: [String: ClauseDelta] = [:]
        var totals = Totals()
        for entry in entries {
            let first = entry.clauses.first ?? ClauseReference(number: "", title: "")
            byClause[first.number, default: ClauseDelta(number: first.number, title: first.title)].append(entry)
            totals.add(entry)
        }
        clauses = byClause.keys.sorted(by: Self.clauseOrder).map { byClause[$0]! }
        self.totals = totals
        gate = totals.failingGate > 0 ? "failed" : "passed"
    }

    private struct Occurrence: Hashable {
        var fingerprint: String
        var index: Int
    }

    /// The findings of every snapshot of `report` in report order, each with its occurrence id.
    private static func occurrences(_ report: CheckReport) -> [(id: Occurrence, finding: Finding)] {
        var seen: [String: Int] = [:]
        return report.snapshots.flatMap(\.findings).map { finding in
            let n = seen[finding.fingerprint, default: 0]
            seen[finding.fingerprint] = n + 1
            return (Occurrence(fingerprint: finding.fingerprint, index: n), finding)
        }
    }

    private static func side(_ report: CheckReport) -> Side {
        Side(pack: report.pack, snapshots: report.snapshots.map {
            SnapshotInfo(file: $0.file, document: $0.document, sha256: $0.sha256, asOf: $0.asOf, asOfSource: $0.asOfSource)
        })
    }

    private static func entry(old: Finding?, new: Finding?, failOn: Severity?) -> Entry {
        let base = new ?? old!
        let before = old.map(State.init)
        let after = new.map(State.init)
        var changes: [Change] = []
        let group: Group
        var worse = false
        if let before, let after {
            if before.outcome != .waived && after.outcome == .waived {
                group = .newlyWaived
            } else {
                if before.outcome != after.outcome {
                    changes.append(Change(field: "outcome", old: before.outcome.rawValue, new: after.outcome.rawValue))
                }
                if before.severity != after.severity {
                    changes.append(Change(field: "severity", old: before.severity.rawValue, new: after.severity.rawValue))
                }
                if before.message != after.message {
                    changes.append(Change(field: "message", old: before.message, new: after.message))
                }
                group = changes.isEmpty ? .persisting : .changed
                // Missing evidence counts as a nonconformity of its severity.
                let failing: Set<Outcome> = [.fail, .noEvidence]
                worse = (after.outcome == .error && before.outcome != .error)
                    || (failing.contains(after.outcome) && (!failing.contains(before.outcome) && before.outcome != .error
                        || (failing.contains(before.outcome) && after.severity > before.severity)))
            }
        } else if let after {
            group = after.outcome == .waived ? .newlyWaived : .introduced
        } else {
            group = .resolved
        }
        // Errors fail the gate wherever they are (fail-closed); nonconformities only when NEW
        // brings them: introduced, or changed for the worse.
        var failsGate = false
        if let after {
            if after.outcome == .error {
                failsGate = true
            } else if after.outcome == .fail || after.outcome == .noEvidence, group == .introduced || worse, let failOn {
                failsGate = after.severity >= failOn
            }
        }
        return Entry(group: group, rule: base.rule, title: base.title, key: base.key, fingerprint: base.fingerprint,
                     clauses: base.clauses, old: before, new: after, changes: changes.isEmpty ? nil : changes, worse: worse, failsGate: failsGate)
    }

    /// Numeric (8.10 after 8.9), then textual so that the order is total.
    private static func clauseOrder(_ a: String, _ b: String) -> Bool {
        ClauseEntry.numericOrder(a, b) || (!ClauseEntry.numericOrder(b, a) && a < b)
    }

    /// Clause numeric order, then rule id, then key (keyless first), then fingerprint.
    private static func order(_ a: Entry, _ b: Entry) -> Bool {
        let ca = a.clauses.first?.number ?? "", cb = b.clauses.first?.number ?? ""
        if ca != cb { return clauseOrder(ca, cb) }
        if a.rule != b.rule { return a.rule < b.rule }
        if a.key != b.key { return (a.key ?? "") < (b.key ?? "") || (a.key == nil) }
        if a.fingerprint != b.fingerprint { return a.fingerprint < b.fingerprint }
        return a.group.rawValue < b.group.rawValue
    }
}
