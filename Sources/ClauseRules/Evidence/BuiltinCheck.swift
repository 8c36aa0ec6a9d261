/// The checks Clause makes of the snapshot itself, beside the pack's rules. Their findings carry
/// these ids in every report, as rules do, so that SARIF, JUnit and waivers can name them.
public enum BuiltinCheck: String, Sendable, CaseIterable {
    /// A value with the wrong type, outside its allowed values, a malformed or future "done" date,
    /// a missing required field: the record cannot be judged as written.
    case schema = "SNAPSHOT-SCHEMA"
    /// A section or field the pack does not know: often a misspelling that hides evidence.
    case unknown = "SNAPSHOT-UNKNOWN"
    /// A section the pack's clauses need is absent or empty, or has no record in the audit period.
    case evidence = "EVIDENCE"
    /// A section's recorded provenance (`sources:`) does not cover the audit period or does not
    /// match the records the snapshot holds.
    case provenance = "PROVENANCE"
    /// A record of an export that could not be imported (`sources.<section>.rejected`): the
    /// section is incomplete, so its rules' verdicts cannot be trusted.
    case importing = "IMPORT"

    /// The title its findings carry, as a rule's title would.
    public var title: String {
        switch self {
        case .schema: "Snapshot values match the pack's snapshot schema"
        case .unknown: "Snapshot holds no section or field the pack does not know"
        case .evidence: "Every section the clauses need holds records of the audit period"
        case .provenance: "Every section's recorded source covers the audit period and its records"
        case .importing: "Every record of every export was imported"
        }
    }

    /// How serious its findings are: major, except an unknown section or field, an observation.
    public var severity: Severity {
        switch self {
        case .unknown: .observation
        case .schema, .evidence, .provenance, .importing: .major
        }
    }

    /// What its findings advise doing, shown with each as a rule's remediation is.
    public var remediation: String {
        switch self {
        case .schema: "Correct the value in the source system or the export mapping so that it is one the pack's snapshot schema allows."
        case .unknown: "Rename the section or field to the one the pack reads (see the did-you-mean), or remove it."
        case .evidence: "Export the records this clause needs into the snapshot; a process without records has no evidence of operation."
        case .provenance: "Re-export the section for the whole audit period, and check that no records were lost on the way."
        case .importing: "Correct the record in the source system, or the manifest's mapping (a value map entry, a date layout), and import again."
        }
    }
}
