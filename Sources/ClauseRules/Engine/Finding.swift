import ClauseDiagnostics

/// A clause cited by a finding, with its catalogue title.
public struct ClauseReference: Sendable, Codable, Hashable {
    public var number: String
    public var title: String

    public init(number: String, title: String) {
        self.number = number
        self.title = title
    }
}

/// One judged element that did not pass: a nonconformity, an evaluation error, or a waived one.
public struct Finding: Sendable, Codable, Hashable {
    public var rule: String
    public var title: String
    public var clauses: [ClauseReference]
    public var severity: Severity
    public var stage: Stage
    public var outcome: Outcome
    public var message: String
    public var remediation: String
    /// The element's key (`svc.id`), absent for rules that judge the snapshot once.
    public var key: String?
    /// Where the evidence sits in the snapshot, as a path (`services[3]`) and as file:line:col.
    public var path: String?
    public var file: String
    public var line: Int?
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
