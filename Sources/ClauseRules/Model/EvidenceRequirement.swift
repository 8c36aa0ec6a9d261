import ClauseDiagnostics

/// A snapshot section that clauses need as evidence, declared under `evidence:` in pack.yaml.
///
/// The pack says what it needs instead of letting each rule guess: a section that is absent,
/// null or empty, or whose records all fall outside the audit period, gives the cited clauses
/// the status `no_evidence` and a finding — never a silent "not applicable".
public struct EvidenceRequirement: Sendable {
    /// The top-level key of the snapshot (`incidents`).
    public var section: String
    /// The clauses this evidence serves (the finding cites them).
    public var clauses: [String]
    /// A record field holding a date or date-time (`opened`): at least one record must be dated
    /// inside the audit period. Nil for sections that are not dated records.
    public var dated: String?
    /// Where the declaration is written, for lint messages.
    public var location: SourceLocation

    /// Makes a requirement; the loader reads one from each entry of `evidence:`.
    public init(section: String, clauses: [String], dated: String?, location: SourceLocation) {
        self.section = section
        self.clauses = clauses
        self.dated = dated
        self.location = location
    }
}
