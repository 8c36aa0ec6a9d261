import Foundation
import Testing

/// Governed exceptions end to end: waivers (matching, expired, unused, malformed) and baselines.
@Suite struct WaiverBaselineTests {
    static func json(_ out: CLIRunner.Output) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
    }

    static func findings(_ report: [String: Any]) -> [[String: Any]] {
        (report["snapshots"] as? [[String: Any]] ?? []).flatMap { $0["findings"] as? [[String: Any]] ?? [] }
    }

    static func waivers(_ text: String) throws -> String {
        let url = try CLIRunner.temporaryDirectory().appendingPathComponent("waivers.yaml")
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test func matchingExpiredAndUnusedWaivers() throws {
        let file = try Self.waivers("""
        waivers:
          - {rule: SLM-001, key: SVC-21, reason: retiring, approved_by: Head of SM, expires: 2027-01-31}
          - {rule: SUPL-003, key: SUP-SIP, reason: tender, approved_by: Head of SM, expires: 2026-06-15}
          - {rule: CAP-003, key: "SVC-9*", reason: pattern that matches nothing, approved_by: MD, expires: 2027-01-31}
        """)
        let out = try CLIRunner.run(["check", "samples/acme-2026-q2.yaml", "--waivers", file, "--format", "json"])
        let report = try Self.json(out)
        let findings = Self.findings(report)
        let waived = findings.filter { $0["outcome"] as? String == "waived" }
        #expect(waived.count == 1)
        #expect(waived.first?["rule"] as? String == "SLM-001")
        // The expired waiver no longer waives: its finding is still a nonconformity.
        #expect(findings.contains { $0["rule"] as? String == "SUPL-003" && $0["key"] as? String == "SUP-SIP" && $0["outcome"] as? String == "fail" })
        let states = (report["waivers"] as? [[String: Any]] ?? []).map { $0["state"] as? String ?? "" }
        #expect(states == ["active", "expired", "unused"])
        let text = try CLIRunner.run(["check", "samples/acme-2026-q2.yaml", "--waivers", file])
        #expect(text.stdout.contains("expired  SUPL-003 SUP-SIP expired on 2026-06-15 and no longer waives"))
        #expect(text.stdout.contains("unused   CAP-003 SVC-9* matched no finding"))
    }

    /// A renewal listed after the lapsed waiver it replaces waives the finding; the lapsed one is
    /// still reported as expired. Expiry is inclusive: waived through the expiry day, not from
    /// the next day's first second, whatever offset `as_of` is written in.
    @Test(arguments: [
        ("2026-06-15", "2026-06-15T23:59:59Z", "waived"),
        ("2026-06-15", "2026-06-16T00:00:00Z", "fail"),
        ("2026-06-15", "2026-06-16T01:30:00+02:00", "waived"),
        ("2026-06-15", "2026-06-16T00:30:00-02:00", "fail"),
    ])
    func theActiveWaiverWinsAndExpiryIsInclusive(_ c: (String, String, String)) throws {
        let file = try Self.waivers("""
        waivers:
          - {rule: SUPL-003, key: SUP-SIP, reason: tender, approved_by: Head of SM, expires: 2026-01-31}
          - {rule: SUPL-003, key: SUP-SIP, reason: tender extended, approved_by: Head of SM, expires: \(c.0)}
        """)
        let out = try CLIRunner.run(["check", "samples/acme-2026-q2.yaml", "--waivers", file, "--format", "json", "--as-of", c.1])
        let report = try Self.json(out)
        let finding = Self.findings(report).first { $0["rule"] as? String == "SUPL-003" && $0["key"] as? String == "SUP-SIP" }
        #expect(finding?["outcome"] as? String == c.2, "\(c.1)")
        let states = (report["waivers"] as? [[String: Any]] ?? []).map { $0["state"] as? String ?? "" }
        #expect(states == (c.2 == "waived" ? ["expired", "active"] : ["expired", "expired"]))
    }

    @Test func waivingEveryFailureLetsTheGatePass() throws {
        let check = try CLIRunner.run(["check", "samples/acme-2026-q2.yaml", "--format", "json"])
        let failing = Self.findings(try Self.json(check)).filter { $0["outcome"] as? String == "fail" }
        var text = "waivers:\n"
        for f in failing {
            let key = (f["key"] as? String).map { ", key: '\($0)'" } ?? ""
            text += "  - {rule: \(f["rule"] as? String ?? ""), reason: accepted, approved_by: Auditor, expires: 2030-01-01\(key)}\n"
        }
        let out = try CLIRunner.run(["check", "samples/acme-2026-q2.yaml", "--waivers", try Self.waivers(text)])
        #expect(out.status == 0, "\(out.stdout.suffix(400))")
    }

    static let malformed: [(String, String)] = [
        ("waivers:\n  - {rule: SLM-001, key: SVC-21, reason: r, approved_by: a}\n", ":2:5: error: a waiver is missing required field 'expires'"),
        ("waivers:\n  - {rule: SLM-001, reason: r, approved_by: a, expires: soon}\n", ":2:57: error: 'expires' must be a date YYYY-MM-DD, not 'soon'"),
        ("waivers:\n  - {rule: SLM-01, reason: r, approved_by: a, expires: 2027-01-01}\n", ":2:12: error: no rule 'SLM-01' in the pack"),
        ("waivers:\n  - {rule: SLM-001, reason: r, approver: a, expires: 2027-01-01}\n", "error: unknown field 'approver' in a waiver"),
        ("waivers: [\n", "error:"),
    ]

    @Test(arguments: malformed)
    func malformedWaiversAreLocatedBadInput(text: String, expected: String) throws {
        let file = try Self.waivers(text)
        let out = try CLIRunner.run(["check", "samples/acme-2026-q2.yaml", "--waivers", file])
        #expect(out.status == 2)
        #expect(out.stderr.contains(file + (expected.hasPrefix(":") ? expected : "")), "\(out.stderr)")
        #expect(out.stderr.contains(expected.hasPrefix(":") ? String(expected.drop { $0 != " " }.dropFirst()) : expected), "\(out.stderr)")
    }

    @Test func baselineHidesOldFindingsAndOneNewFindingFailsTheGate() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let baseline = dir.appendingPathComponent("baseline.json").path
        let first = try CLIRunner.run(["check", "samples/acme-2026-q2.yaml", "--format", "json", "--output", baseline])
        #expect(first.status == 1)
        // Same snapshot against its own baseline: every finding is known, the gate passes.
        let same = try CLIRunner.run(["check", "samples/acme-2026-q2.yaml", "--baseline", baseline, "--format", "json"])
        #expect(same.status == 0)
        #expect(Self.findings(try Self.json(same)).allSatisfy { $0["baseline"] as? String == "unchanged" })
        // One new nonconformity: a service added without an SLA.
        let text = String(decoding: try Data(contentsOf: CLIRunner.packageRoot.appendingPathComponent("samples/acme-2026-q2.yaml")), as: UTF8.self)
        let changed = text.replacingOccurrences(of: "\nservices:\n", with: "\nservices:\n  - {id: SVC-NEW, name: New portal, status: live, owner: CIO, customer: CUST-01, catalogue_entry: true}\n")
        #expect(changed != text)
        let snapshot = dir.appendingPathComponent("acme-new.yaml")
        try Data(changed.utf8).write(to: snapshot)
        let new = try CLIRunner.run(["check", snapshot.path, "--baseline", baseline, "--format", "json"])
        #expect(new.status == 1)
        let fresh = Self.findings(try Self.json(new)).filter { $0["baseline"] as? String == "new" }
        #expect(!fresh.isEmpty)
        // Every new finding is about the new service: its key, or the message of a rule judging the snapshot once.
        #expect(fresh.allSatisfy { ($0["key"] as? String) == "SVC-NEW" || (($0["message"] as? String)?.contains("SVC-NEW") ?? false) },
                "\(fresh.map { $0["rule"] ?? "" })")
    }

    @Test func badBaselineIsBadInput() throws {
        let file = try Self.waivers("{\"schema\": \"something-else\"}")
        let out = try CLIRunner.run(["check", "samples/acme-2026-q2.yaml", "--baseline", file])
        #expect(out.status == 2)
        #expect(out.stderr.contains("not a clause-results/1 file"))
    }
}

/// Blanket and far-off waivers are allowed, and every report says so.
@Suite struct WaiverNoteTests {
    @Test(arguments: ["text", "markdown", "json", "html"])
    func blanketAndLongWaiversAreNoted(_ format: String) throws {
        let file = try WaiverBaselineTests.waivers("waivers:\n  - {rule: SLM-001, key: \"*\", reason: all of them, approved_by: MD, expires: 2029-01-31}\n")
        let run = try CLIRunner.run(["check", "samples/acme-2026-q2.yaml", "--waivers", file, "--format", format])
        #expect(run.status == 1)
        #expect(run.stdout.contains("blanket: waives every key of SLM-001"), "\(format)")
        #expect(run.stdout.contains("expires more than a year after the evaluation"), "\(format)")
    }

    @Test func anOrdinaryWaiverHasNoNote() throws {
        let run = try CLIRunner.run(["check", "samples/acme-2026-q2.yaml", "--waivers", "samples/waivers.yaml", "--format", "json"])
        #expect(!run.stdout.contains("\"notes\""))
    }
}
