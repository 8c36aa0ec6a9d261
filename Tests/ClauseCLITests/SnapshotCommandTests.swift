import Foundation
import Testing

/// `clause snapshot` and manifests given to `check`, through the real binary: the sample
/// organisation's exports must give the same verdict as its hand-written snapshot.
@Suite struct SnapshotCommandTests {
    struct Finding: Hashable {
        var rule: String
        var key: String?
        var outcome: String
        var message: String
        var file: String
    }

    static func findings(_ arguments: [String]) throws -> [Finding] {
        let run = try CLIRunner.run(["check"] + arguments + ["--format", "json"])
        #expect(run.status == 1, "\(run.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let snapshot = (json?["snapshots"] as? [[String: Any]])?.first
        return (snapshot?["findings"] as? [[String: Any]] ?? []).map {
            Finding(rule: $0["rule"] as? String ?? "", key: $0["key"] as? String, outcome: $0["outcome"] as? String ?? "",
                    message: $0["message"] as? String ?? "", file: $0["file"] as? String ?? "")
        }
    }

    @Test func theSampleExportsGiveTheHandWrittenSnapshotsFindings() throws {
        let imported = try Self.findings(["samples/acme-exports/manifest.yaml"])
        let written = try Self.findings(["samples/acme-2026-q2.json"])
        func verdict(_ f: Finding) -> [String?] { [f.rule, f.key, f.outcome, f.message] }
        #expect(imported.count == written.count)
        #expect(Set(imported.map(verdict)) == Set(written.map(verdict)))
        #expect(imported.count > 40)
        // Findings on imported records point at the exports, not at an intermediate file.
        let files = Dictionary(grouping: imported, by: \.rule)
        #expect(files["INC-001"]?.allSatisfy { $0.file == "samples/acme-exports/servicenow/incident.csv" } == true)
        #expect(files["CHG-005"]?.allSatisfy { $0.file == "samples/acme-exports/servicenow/change_request.json" } == true)
        #expect(files["SUP-008"]?.allSatisfy { $0.file.hasPrefix("samples/acme-exports/documents/") && $0.file.hasSuffix(".md") } == true)
    }

    @Test func snapshotPrintsCountsAndWritesASnapshotThatChecksTheSame() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let out = dir.appendingPathComponent("acme.yaml").path
        let run = try CLIRunner.run(["snapshot", "samples/acme-exports/manifest.yaml", "--output", out])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("incidents: servicenow/incident.csv: 14 rows read, 13 kept, 0 collapsed, 1 filtered, 0 rejected"))
        #expect(run.stderr.contains("the snapshot matches the pack's schema"))
        let written = try Self.findings([out])
        let imported = try Self.findings(["samples/acme-exports/manifest.yaml"])
        #expect(Set(written.map { [$0.rule, $0.key, $0.message] }) == Set(imported.map { [$0.rule, $0.key, $0.message] }))
    }

    @Test func rejectedRecordsFailTheGateLocatedInTheExport() throws {
        let dir = try CLIRunner.temporaryDirectory()
        try "manifest: clause-snapshot/1\nas_of: 2026-06-30\ninclude: [rest.json]\nsections:\n  incidents:\n    from: incident.csv\n    system: ServiceNow\n    map: {id: row.id, service: row.service, priority: row.priority, opened: \"parseTime(row.opened, 'yyyy-MM-dd HH:mm', 'UTC')\", target_hours: '4'}\n    values: {priority: {High: P2}}\n"
            .write(to: dir.appendingPathComponent("manifest.yaml"), atomically: true, encoding: .utf8)
        try "id,service,priority,opened\nI1,SVC-01,High,2026-05-01 10:00\nI2,SVC-01,Highest,2026-05-01 10:00\nI3,SVC-01,High,yesterday\n"
            .write(to: dir.appendingPathComponent("incident.csv"), atomically: true, encoding: .utf8)
        // Everything else from the compliant sample, so that only the import can fail the gate.
        let compliant = try CLIRunner.run(["dump", "samples/compliant/snapshot.yaml"])
        var rest = try JSONSerialization.jsonObject(with: Data(compliant.stdout.utf8)) as? [String: Any] ?? [:]
        for key in ["incidents", "as_of", "sources", "period"] { rest[key] = nil }
        try JSONSerialization.data(withJSONObject: rest).write(to: dir.appendingPathComponent("rest.json"))

        let snapshot = try CLIRunner.run(["snapshot", "manifest.yaml", "--output", "out.yaml", "--pack", CLIRunner.packageRoot.appendingPathComponent("rules/iso20000-1").path], in: dir)
        #expect(snapshot.status == 1)
        #expect(snapshot.stderr.contains("incidents: incident.csv: 3 rows read, 1 kept, 0 collapsed, 0 filtered, 2 rejected"), "\(snapshot.stderr)")
        let check = try CLIRunner.run(["check", "manifest.yaml", "--pack", CLIRunner.packageRoot.appendingPathComponent("rules/iso20000-1").path], in: dir)
        #expect(check.status == 1)
        #expect(check.stdout.contains("error IMPORT incidents: record not imported: 'priority': 'Highest' has no mapping in 'values'\n    at incident.csv:3:11"), "\(check.stdout)")
        #expect(check.stdout.contains("error IMPORT incidents: record not imported: 'opened': 'yesterday' does not match the layout\n    at incident.csv:4:16"))
    }

    @Test func aBrokenManifestIsBadInputWithEveryProblemLocated() throws {
        let dir = try CLIRunner.temporaryDirectory()
        try "manifest: clause-snapshot/1\nsections:\n  incidents: {from: /etc/passwd, format: csv, system: x, map: {id: row.a}}\n  problems: {from: p.csv, system: x, map: {id: row.nmae}}\n"
            .write(to: dir.appendingPathComponent("manifest.yaml"), atomically: true, encoding: .utf8)
        try "name\nP1\n".write(to: dir.appendingPathComponent("p.csv"), atomically: true, encoding: .utf8)
        let run = try CLIRunner.run(["check", "manifest.yaml"], in: dir)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("manifest.yaml:3:21: error: export '/etc/passwd' is outside the manifest's folder"), "\(run.stderr)")
    }
}
