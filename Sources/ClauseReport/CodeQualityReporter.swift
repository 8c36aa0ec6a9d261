import ClauseRules
import Foundation

/// `--format codequality`: the Code Climate subset GitLab reads as a merge request's code
/// quality report (`artifacts: reports: codequality`). One issue per finding that fails or
/// errs; waived findings are left out (GitLab has no suppression), so are passes. Keys sorted,
/// so the same inputs give the same bytes.
public enum CodeQualityReporter {
    struct Issue: Encodable {
        var description: String
        var checkName: String
        var fingerprint: String
        var severity: String
        var location: Location
        enum CodingKeys: String, CodingKey {
            case description, fingerprint, severity, location
            case checkName = "check_name"
        }
    }

    struct Location: Encodable {
        var path: String
        var lines: Lines
    }

    struct Lines: Encodable {
        var begin: Int
    }

    /// Renders `report` as a JSON array of Code Climate issues, ending with a newline.
    public static func render(_ report: CheckReport) -> String {
        var issues: [Issue] = []
        for snapshot in report.snapshots {
            for finding in snapshot.findings where finding.outcome != .waived {
                let clauses = finding.clauses.map(\.number).joined(separator: ", ")
                issues.append(Issue(
                    description: "\(finding.rule) (\(clauses)): \(finding.errorText)",
                    checkName: finding.rule,
                    // Unique per snapshot document, stable across runs (GitLab compares them between pipelines).
                    fingerprint: finding.fingerprint + (snapshot.document > 0 || report.snapshots.count > 1 ? "@\(snapshot.file)#\(snapshot.document)" : ""),
                    severity: severity(finding),
                    location: Location(path: finding.file, lines: Lines(begin: max(finding.line ?? 1, 1)))))
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(issues) else { return "[]\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// An evaluation error is critical (the gate cannot be trusted); severities map one to one,
    /// an observation being GitLab's `info`.
    static func severity(_ finding: Finding) -> String {
        if finding.outcome == .error { return "critical" }
        switch finding.severity {
        case .major: return "major"
        case .minor: return "minor"
        case .observation: return "info"
        }
    }
}
