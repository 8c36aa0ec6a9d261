import ClauseReport
import ClauseRules
import Foundation
import Testing

/// Reports for the reporter tests: the real sample results, and variants of them that reach
/// cases the samples do not (evaluation errors, a baseline, hostile text, several snapshots).
enum ReportFixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// `clause check samples/acme-2026-q2.yaml --waivers samples/waivers.yaml --format json`.
    static func waived() throws -> CheckReport {
        let data = try Data(contentsOf: folder.appendingPathComponent("acme-2026-q2-waived.json"))
        return try JSONReporter.decode(Array(data))
    }

    /// Text that breaks naive XML, HTML, Markdown and JSON writers.
    static let hostile = "a|b <tag attr=\"x\"> & 'q' *bold* _u_ `tick` [l](u) $x$ ]]> \\ \u{1}\u{0}\u{FFFE} tab\tcr\rnl\n😀 e\u{301}"

    /// The waived sample, with: one finding turned into an evaluation error, one with no line, a
    /// hostile message and key, a baseline marking alternate findings unchanged, and a second
    /// document of the same file with a relative path that needs percent-encoding.
    static func varied() throws -> CheckReport {
        var report = try waived()
        report.baseline = "baseline results.json"
        var snapshot = report.snapshots[0]
        for i in snapshot.findings.indices {
            snapshot.findings[i].baseline = i.isMultiple(of: 2) ? "unchanged" : "new"
        }
        let failing = snapshot.findings.indices.filter { snapshot.findings[$0].outcome == .fail }
        snapshot.findings[failing[0]].outcome = .error
        snapshot.findings[failing[0]].message = "no such key: 'sla'"
        if let r = snapshot.rules.firstIndex(where: { $0.rule == snapshot.findings[failing[0]].rule }) {
            snapshot.rules[r].fail -= 1
            snapshot.rules[r].error += 1
        }
        snapshot.findings[failing[1]].line = nil
        snapshot.findings[failing[1]].column = nil
        snapshot.findings[failing[2]].message = hostile
        snapshot.findings[failing[2]].key = hostile
        snapshot.findings[failing[2]].remediation = hostile
        var second = snapshot
        second.document = 1
        second.file = "snap shots/q2 #1.yaml"
        for i in second.findings.indices { second.findings[i].file = second.file }
        report.snapshots = [snapshot, second]
        return report
    }

    static func findings(_ report: CheckReport) -> [Finding] { report.snapshots.flatMap(\.findings) }

    static func count(_ report: CheckReport, _ outcome: Outcome) -> Int {
        findings(report).filter { $0.outcome == outcome }.count
    }
}
