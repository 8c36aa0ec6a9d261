import ClauseDiagnostics

/// A clause cited by a finding, with its catalogue title.
public struct ClauseReference: Sendable, Codable, Hashable {
    /// The clause number as the rule cites it (`8.3.1`).
    public var number: String
    /// The clause's title from the pack's catalogue; empty if the catalogue lacks it.
    public var title: String

    /// Makes a reference; the engine takes the title from the pack's catalogue.
    public init(number: String, title: String) {
        self.number = number
        self.title = title
    }
}

/// One judged element that did not pass: a nonconformity, an evaluation error, or a waived one.
public struct Finding: Sendable, Codable, Hashable {
    /// The id of the rule, or built-in check, that gave the finding.
    public var rule: String
    /// The rule's title, so that a report reads without the pack.
    public var title: String
    /// The clauses the rule cites, with their catalogue titles.
    public var clauses: [ClauseReference]
    /// The rule's severity as run, after any tailoring.
    public var severity: Severity
    /// The audit stage the rule serves.
    public var stage: Stage
    /// `fail`, `error` or `no_evidence` as judged; `waived` once a waiver accepts it.
    public var outcome: Outcome
    /// What is wrong with this element: the rule's message filled in, or the error's text.
    public var message: String
    /// What to do about it, from the rule.
    public var remediation: String
    /// The element's key (`svc.id`), absent for rules that judge the snapshot once.
    public var key: String?
    /// Where the evidence sits in the snapshot, as a path (`services[3]`) and as file:line:col.
    public var path: String?
    /// The file holding the evidence: the snapshot, or the file its section was assembled from.
    public var file: String
    /// 1-based line of the evidence in `file`; nil when it has no place there.
    public var line: Int?
    /// 1-based column of the evidence in `file`; nil when it has no place there.
    public var column: Int?
    /// Stable across runs and snapshots for the same rule and key: what diffs, baselines and
    /// waivers match on.
    public var fingerprint: String
    /// The waiver that accepted this finding (outcome `waived`).
    public var waiver: Waiver?
    /// With `--baseline`: `unchanged` when the baseline has the same fingerprint, else `new`.
    public var baseline: String?
    /// The id of the pack whose rule (or snapshot schema) this is; absent in results written
    /// before packs could be composed.
    public var pack: String?

    /// The finding's place as a location, for messages; without a line it names the file alone.
    public var location: SourceLocation {
        SourceLocation(file: file, line: line ?? 0, column: column ?? 0)
    }
}

/// FNV-1a (64-bit): a stable, dependency-free hash for fingerprints (not a security measure).
enum Fingerprint {
    static func of(rule: String, key: String) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in rule.utf8 + [0] + key.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
