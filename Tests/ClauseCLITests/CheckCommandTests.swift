import Foundation
import Testing

@Suite struct CheckCommandTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// Set CLAUSE_UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate change.
    static func compare(_ text: String, golden name: String) throws {
        let url = golden.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["CLAUSE_UPDATE_GOLDEN"] == "1" {
            try Data(text.utf8).write(to: url)
        }
        let expected = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        #expect(text == expected, "output differs from Golden/\(name)")
    }

    @Test func realisticSampleFailsTheGateWithLocatedFindings() throws {
        let out = try CLIRunner.run(["check", "samples/acme-2026-q2.yaml"])
        #expect(out.status == 1)
        #expect(out.stdout.contains("8.6.1 Incident management"))
        #expect(out.stdout.contains("at samples/acme-2026-q2.yaml:"))
        #expect(out.stdout.contains("Gate failed (fail on minor)"))
        try Self.compare(out.stdout, golden: "acme-2026-q2.txt")
    }

    @Test func jsonReportMatchesGoldenAndIsByteIdenticalOnRerun() throws {
        let first = try CLIRunner.run(["check", "samples/acme-2026-q2.yaml", "--format", "json"])
        let second = try CLIRunner.run(["check", "samples/acme-2026-q2.yaml", "--format", "json"])
        #expect(first.status == 1)
        #expect(first.stdout == second.stdout)
        let object = try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any]
        #expect(object?["schema"] as? String == "clause-results/1")
        try Self.compare(first.stdout, golden: "acme-2026-q2.json")
    }

    @Test func compliantSamplePasses() throws {
        let out = try CLIRunner.run(["check", "samples/compliant/snapshot.yaml"])
        #expect(out.status == 0, "\(out.stdout)")
        #expect(out.stdout.contains("0 nonconformities"))
    }

    @Test func jsonSampleGivesTheSameFindingsAsYAML() throws {
        let yaml = try CLIRunner.run(["check", "samples/acme-2026-q2.yaml", "--format", "json"])
        let json = try CLIRunner.run(["check", "samples/acme-2026-q2.json", "--format", "json"])
        func fingerprints(_ s: String) throws -> [String] {
            let object = try JSONSerialization.jsonObject(with: Data(s.utf8)) as? [String: Any]
            let snapshots = object?["snapshots"] as? [[String: Any]] ?? []
            return snapshots.flatMap { ($0["findings"] as? [[String: Any]] ?? []).compactMap { $0["fingerprint"] as? String } }
        }
        #expect(try fingerprints(yaml.stdout) == fingerprints(json.stdout))
        #expect(try !fingerprints(yaml.stdout).isEmpty)
    }

    static let optionCases: [([String], Int32)] = [
        (["--fail-on", "none"], 0), (["--fail-on", "major"], 1), (["--clause", "7.2"], 1),
        (["--rule", "NOPE-1"], 2), (["--fail-on", "fatal"], 2), (["--stage", "documentation", "--fail-on", "major"], 1),
    ]

    @Test(arguments: optionCases)
    func optionsSelectAndGate(arguments: [String], status: Int32) throws {
        let out = try CLIRunner.run(["check", "samples/acme-2026-q2.yaml"] + arguments)
        #expect(out.status == status, "\(out.stderr)")
    }

    @Test func clauseFilterIsAPrefix() throws {
        let out = try CLIRunner.run(["check", "samples/acme-2026-q2.yaml", "--clause", "8.6", "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any]
        let rules = ((object?["snapshots"] as? [[String: Any]])?.first?["rules"] as? [[String: Any]]) ?? []
        #expect(!rules.isEmpty)
        // The snapshot's own checks run whatever the selection; every rule that ran cites 8.6.
        let builtins: Set<String> = ["SNAPSHOT-SCHEMA", "SNAPSHOT-UNKNOWN", "EVIDENCE", "PROVENANCE"]
        #expect(rules.contains { $0["rule"] as? String == "SNAPSHOT-SCHEMA" })
        for rule in rules where !builtins.contains(rule["rule"] as? String ?? "") {
            let clauses = rule["clauses"] as? [String] ?? []
            #expect(clauses.contains { $0 == "8.6" || $0.hasPrefix("8.6.") })
        }
    }

    @Test func shippedPackTestsPassAndCoverEveryClause() throws {
        let test = try CLIRunner.run(["test", "rules/iso20000-1"])
        #expect(test.status == 0)
        #expect(test.stdout.hasSuffix(" 0 failed\n"))
        let clauses = try CLIRunner.run(["clauses"])
        #expect(clauses.status == 0)
        #expect(clauses.stdout.contains(", 0 subclauses without a rule"))
        #expect(!clauses.stdout.contains("UNCOVERED"))
    }

    @Test func packFoundWithoutFlagFromAnotherDirectory() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let sample = CLIRunner.packageRoot.appendingPathComponent("samples/compliant/snapshot.yaml").path
        let out = try CLIRunner.run(["check", sample], in: dir)
        #expect(out.status == 0, "\(out.stderr)")
    }
}
