import Foundation
import Testing

/// Large runs stay readable: text and Markdown list a capped number of findings per rule, or
/// none, always saying what was left out; JSON always lists everything.
@Suite struct ListingTests {
    static let q2 = "samples/acme-2026-q2.yaml"

    @Test func aCapPerRuleListsTheFirstAndCountsTheRest() throws {
        let run = try CLIRunner.run(["check", Self.q2, "--max-findings", "1"])
        #expect(run.status == 1)
        #expect(run.stdout.components(separatedBy: "INC-001 ").count - 1 == 1, "\(run.stdout)")
        #expect(run.stdout.contains("not listed here (the JSON report lists every finding): "))
        #expect(run.stdout.contains("2 of INC-001"))
        // The totals are those of the full run.
        #expect(run.stdout.contains("45 nonconformities (24 major, 20 minor, 1 observation)"))
        // No progress line on standard error when it is not a terminal.
        #expect(run.stderr.isEmpty, "\(run.stderr)")
    }

    @Test(arguments: ["text", "markdown"])
    func summaryOnlyListsNoFinding(_ format: String) throws {
        let run = try CLIRunner.run(["check", Self.q2, "--summary-only", "--format", format])
        #expect(run.status == 1)
        #expect(!run.stdout.contains("Change CHG-7705 (deployed 2026-06-18)"), "\(format)")
        #expect(run.stdout.contains("45 nonconformities"), "\(format)")
        #expect(run.stdout.lowercased().contains("not listed here (the json report lists every finding)"), "\(format)")
    }

    @Test func jsonAlwaysListsEveryFinding() throws {
        let run = try CLIRunner.run(["check", Self.q2, "--summary-only", "--max-findings", "1", "--format", "json"])
        let report = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let findings = (report?["snapshots"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]]
        #expect(findings?.count == 45)
    }
}
