import Foundation
import Testing

/// `--key`: a deployment pipeline asks "may this change go out?" and gets a verdict for that
/// change alone; a key no element has is an error, never a passing gate.
@Suite struct KeyGateTests {
    static func check(_ extra: [String]) throws -> CLIRunner.Output {
        try CLIRunner.run(["check", "samples/acme-2026-q2.yaml", "--clause", "8.5"] + extra)
    }

    @Test func aCompliantChangePasses() throws {
        let run = try Self.check(["--key", "CHG-7701"])
        #expect(run.status == 0, "\(run.stdout)")
        #expect(run.stdout.contains("Judged only the elements with key CHG-7701 (--key)"))
        #expect(run.stdout.contains("0 nonconformities"))
    }

    @Test func aChangeWithGapsFailsWithItsOwnFindingsOnly() throws {
        let run = try Self.check(["--key", "CHG-7706", "--format", "json"])
        #expect(run.status == 1)
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let snapshot = (json?["snapshots"] as? [[String: Any]])?.first
        let findings = snapshot?["findings"] as? [[String: Any]] ?? []
        #expect(!findings.isEmpty)
        #expect(findings.allSatisfy { $0["key"] as? String == "CHG-7706" }, "\(findings.map { $0["key"] ?? "-" })")
        #expect(Set(findings.map { $0["rule"] as? String ?? "" }) == ["CHG-003", "CHG-005"])
        #expect(snapshot?["keys"] as? [String] == ["CHG-7706"])
        // The other changes' gaps (CHG-7705 approved after deployment) are not judged.
        let whole = try Self.check([])
        #expect(whole.stdout.contains("CHG-7705"))
    }

    @Test func aKeyNoElementHasIsBadInput() throws {
        let run = try Self.check(["--key", "CHG-9999"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("no element judged by the selected rules has key 'CHG-9999': nothing would be checked for it"), "\(run.stderr)")
        // One known and one unknown key: still an error.
        #expect(try Self.check(["--key", "CHG-7701", "--key", "CHG-9999"]).status == 2)
    }

    @Test func rulesWithoutEachDoNotRunUnderAKey() throws {
        // SUP-004 judges the snapshot once (no elements, no keys): alone, --key leaves nothing.
        let run = try CLIRunner.run(["check", "samples/acme-2026-q2.yaml", "--rule", "SUP-004", "--key", "CHG-7701"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("selects no rule"), "\(run.stderr)")
    }
}
