import Foundation
import Testing

/// `--pack` repeated, and a pack that requires another, through the real binary.
@Suite struct CompositionCommandTests {
    /// Each finding names its pack, and the report lists the packs composed.
    @Test func twoPacksTogether() throws {
        let run = try CLIRunner.run(["check", "samples/acme-2026-q2.yaml", "--pack", "rules/iso20000-1", "--pack", "rules/examples/acme-extra",
                                     "--format", "json"])
        #expect(run.status == 1, "\(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let packs = (report["packs"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(packs == ["iso20000-1", "acme-extra"])
        #expect((report["pack"] as? [String: Any])?["id"] as? String == "iso20000-1 + acme-extra")
        let findings = (report["snapshots"] as? [[String: Any]] ?? []).flatMap { $0["findings"] as? [[String: Any]] ?? [] }
        let owners = Dictionary(findings.map { ($0["rule"] as? String ?? "", $0["pack"] as? String ?? "none") }) { a, _ in a }
        #expect(owners["ACME-001"] == "acme-extra")
        #expect(owners["ACME-002"] == "acme-extra")
        #expect(owners["CTX-002"] == "iso20000-1")
        #expect(!owners.values.contains("none"))
        // The same run through the extending pack alone: the same findings.
        let alone = try CLIRunner.run(["check", "samples/acme-2026-q2.yaml", "--pack", "rules/examples/acme-extra", "--format", "json"])
        let other = try #require(try JSONSerialization.jsonObject(with: Data(alone.stdout.utf8)) as? [String: Any])
        let again = (other["snapshots"] as? [[String: Any]] ?? []).flatMap { $0["findings"] as? [[String: Any]] ?? [] }
        #expect(again.compactMap { $0["fingerprint"] as? String } == findings.compactMap { $0["fingerprint"] as? String })
    }

    @Test func textAndSARIFNameThePack() throws {
        let text = try CLIRunner.run(["check", "samples/acme-2026-q2.yaml", "--pack", "rules/examples/acme-extra"])
        #expect(text.stdout.contains("Packs: iso20000-1 2.0.0, acme-extra 1.0.0"))
        #expect(text.stdout.contains("ACME-001 [acme-extra] Service SVC-16"))
        let sarif = try CLIRunner.run(["check", "samples/acme-2026-q2.yaml", "--pack", "rules/examples/acme-extra", "--format", "sarif"])
        #expect(sarif.stdout.contains("\"pack\" : \"acme-extra\""))
        let markdown = try CLIRunner.run(["check", "samples/acme-2026-q2.yaml", "--pack", "rules/examples/acme-extra", "--format", "markdown"])
        #expect(markdown.stdout.contains("| ACME-001 (acme-extra) |"))
        let html = try CLIRunner.run(["check", "samples/acme-2026-q2.yaml", "--pack", "rules/examples/acme-extra", "--format", "html"])
        #expect(html.stdout.contains("<code class=\"rule-id\">ACME-002</code> <span class=\"tag\">acme-extra</span>"))
        // One pack on its own: the reports stay as they were.
        let single = try CLIRunner.run(["check", "samples/acme-2026-q2.yaml"])
        #expect(!single.stdout.contains("[iso20000-1]") && !single.stdout.contains("Packs:"))
    }

    /// A rule id both packs define stops the run before anything is judged: exit 2, located.
    @Test func aRuleIDClashIsBadInput() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clause-clash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let pack = dir.appendingPathComponent("own.yaml")
        try """
        pack: own
        title: Own
        version: 1.0.0
        clauses: [{number: '8.1', title: Plan, parent: null}]
        rules:
          - {id: CTX-002, clause: '8.1', title: t, severity: minor, stage: operation, assert: 'true', message: m, remediation: r}

        """.write(to: pack, atomically: true, encoding: .utf8)
        let run = try CLIRunner.run(["check", "samples/acme-2026-q2.yaml", "--pack", "rules/iso20000-1", "--pack", pack.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("own.yaml:6:10: error: duplicate rule id 'CTX-002': pack 'own' and an earlier pack both define it"), "\(run.stderr)")
        #expect(run.stderr.contains("first defined at rules/iso20000-1/4-context.yaml:"), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }
}
