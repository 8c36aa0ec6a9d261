import Foundation
import Testing

/// Each way the shipped pack could once be passed by omission or by a convenient value, tried on
/// the compliant sample as an auditor would: every one must now fail the gate with a located
/// finding of the check that catches it.
@Suite struct EvasionTests {
    /// The compliant sample as Clause reads it (through `clause dump`), for editing as JSON.
    static let compliantJSON: Data = {
        guard let out = try? CLIRunner.run(["dump", "samples/compliant/snapshot.yaml"]) else { return Data() }
        return Data(out.stdout.utf8)
    }()

    static var compliant: [String: Any] {
        (try? JSONSerialization.jsonObject(with: compliantJSON) as? [String: Any]) ?? [:]
    }

    /// One evasion: how the snapshot is changed, the check that must catch it, and a fragment of
    /// the finding's key or path.
    struct Evasion: CustomTestStringConvertible, Sendable {
        var name: String
        var rule: String
        var at: String
        var arguments: [String] = []
        var change: @Sendable (inout [String: Any]) -> Void
        var testDescription: String { name }
    }

    static func edit(_ object: inout [String: Any], _ section: String, _ index: Int, _ body: (inout [String: Any]) -> Void) {
        var list = object[section] as? [[String: Any]] ?? []
        guard index < list.count else { return }
        body(&list[index])
        object[section] = list
    }

    static let evasions: [Evasion] = [
        Evasion(name: "a live service written 'Live'", rule: "SNAPSHOT-SCHEMA", at: "services[0].status") { s in
            edit(&s, "services", 0) { $0["status"] = "Live" }
        },
        Evasion(name: "a supplier of type 'vendor'", rule: "SNAPSHOT-SCHEMA", at: "suppliers[0].type") { s in
            edit(&s, "suppliers", 0) { $0["type"] = "vendor" }
        },
        Evasion(name: "a P1 written '1 - Critical'", rule: "SNAPSHOT-SCHEMA", at: "incidents[0].priority") { s in
            edit(&s, "incidents", 0) { $0["priority"] = "1 - Critical" }
        },
        Evasion(name: "a change with risk 'High'", rule: "SNAPSHOT-SCHEMA", at: "changes[0].risk") { s in
            edit(&s, "changes", 0) { $0["risk"] = "High" }
        },
        Evasion(name: "a corrective action in progress 18 months past due", rule: "NC-002", at: "NC-2026-01") { s in
            edit(&s, "nonconformities", 0) { nc in
                nc["raised_on"] = "2024-11-20"
                nc["corrective_action"] = ["id": "CA-2026-01", "owner": "Kim Wu", "status": "in_progress", "due": "2024-12-31"]
            }
        },
        Evasion(name: "an internal audit dated in the future", rule: "SNAPSHOT-SCHEMA", at: "internal_audits[0].date") { s in
            edit(&s, "internal_audits", 0) { $0["date"] = "2026-09-01" }
        },
        Evasion(name: "a continuity test dated in the future", rule: "SNAPSHOT-SCHEMA", at: "continuity_plans[0].tested_on") { s in
            edit(&s, "continuity_plans", 0) { $0["tested_on"] = "2026-08-15" }
        },
        Evasion(name: "a policy review due in 2099", rule: "LEAD-003", at: "policy") { s in
            var policy = s["policy"] as? [String: Any] ?? [:]
            var smp = policy["service_management_policy"] as? [String: Any] ?? [:]
            smp["review_due"] = "2099-01-01"
            policy["service_management_policy"] = smp
            s["policy"] = policy
        },
        Evasion(name: "a fifteen-year certificate", rule: "CERT-001", at: "certificate") { s in
            var certificate = s["certificate"] as? [String: Any] ?? [:]
            certificate["expires_on"] = "2039-09-15"
            s["certificate"] = certificate
        },
        Evasion(name: "a self-declared independent auditor who owns an audited process", rule: "AUD-002", at: "IA-2026-01") { s in
            edit(&s, "internal_audits", 0) { $0["auditor"] = "Kim Wu"; $0["auditor_independent"] = true }
        },
        Evasion(name: "top management 'present' at a review no top manager attended", rule: "MR-002", at: "MR-") { s in
            let last = (s["management_reviews"] as? [Any])?.count ?? 1
            edit(&s, "management_reviews", last - 1) { $0["attendees"] = ["Kim Wu"]; $0["top_management_present"] = true }
        },
        Evasion(name: "a breached P1 merely flagged escalated", rule: "INC-001", at: "INC-1001") { s in
            edit(&s, "incidents", 0) { $0["resolved"] = "2026-05-04T21:40:00Z"; $0["escalated"] = true; $0["problem"] = nil }
        },
        Evasion(name: "a breached P1 linked to a problem that does not exist", rule: "INC-001", at: "INC-1001") { s in
            edit(&s, "incidents", 0) { $0["resolved"] = "2026-05-04T21:40:00Z"; $0["escalated"] = true; $0["problem"] = "PRB-999" }
        },
        Evasion(name: "one incident without a priority hides no P1", rule: "INC-003", at: "INC-1001") { s in
            edit(&s, "incidents", 1) { $0["priority"] = nil }
            edit(&s, "incidents", 0) { $0["problem"] = nil }
        },
        Evasion(name: "a certificate whose scope exceeds the SMS scope", rule: "CERT-007", at: "SVC-HOSTING") { s in
            var certificate = s["certificate"] as? [String: Any] ?? [:]
            var scope = certificate["scope"] as? [String: Any] ?? [:]
            scope["services"] = (scope["services"] as? [String] ?? []) + ["SVC-HOSTING"]
            certificate["scope"] = scope
            s["certificate"] = certificate
        },
        Evasion(name: "a certification without its stage 1 audit", rule: "CERT-003", at: "certificate") { s in
            s["certification_audits"] = (s["certification_audits"] as? [[String: Any]] ?? []).filter { $0["type"] as? String != "stage1" }
        },
        Evasion(name: "incident records all older than the audit period", rule: "EVIDENCE", at: "incidents") { s in
            var list = s["incidents"] as? [[String: Any]] ?? []
            for i in list.indices {
                list[i]["opened"] = "2024-05-04T09:10:00Z"
                if list[i]["resolved"] != nil { list[i]["resolved"] = "2024-05-04T10:10:00Z" }
            }
            s["incidents"] = list
        },
        Evasion(name: "an export whose period does not cover the audit period", rule: "PROVENANCE", at: "sources.incidents.period") { s in
            let count = (s["incidents"] as? [Any])?.count ?? 0
            s["sources"] = ["incidents": ["system": "ServiceNow", "period": ["from": "2026-04-01", "to": "2026-06-30"], "count": count]]
        },
        Evasion(name: "an export that lost records on the way", rule: "PROVENANCE", at: "sources.incidents.count") { s in
            let count = (s["incidents"] as? [Any])?.count ?? 0
            s["sources"] = ["incidents": ["system": "ServiceNow", "count": count + 3]]
        },
        Evasion(name: "an audit period that runs backwards", rule: "SNAPSHOT-SCHEMA", at: "period") { s in
            s["period"] = ["from": "2026-07-01", "to": "2025-07-01"]
        },
        Evasion(name: "an unknown field under --strict", rule: "SNAPSHOT-UNKNOWN", at: "incidents[0].prio", arguments: ["--strict"]) { s in
            edit(&s, "incidents", 0) { $0["prio"] = "P1" }
        },
    ]

    static func run(_ snapshot: [String: Any], _ arguments: [String] = []) throws -> (status: Int32, findings: [[String: Any]], file: String) {
        let dir = try CLIRunner.temporaryDirectory()
        let file = dir.appendingPathComponent("snapshot.json")
        try JSONSerialization.data(withJSONObject: snapshot, options: [.sortedKeys, .prettyPrinted]).write(to: file)
        let out = try CLIRunner.run(["check", file.path, "--format", "json"] + arguments)
        try? FileManager.default.removeItem(at: dir)
        let report = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any]
        let findings = (report?["snapshots"] as? [[String: Any]] ?? []).flatMap { $0["findings"] as? [[String: Any]] ?? [] }
        return (out.status, findings, file.path)
    }

    @Test func theCompliantSamplePassesAsJSON() throws {
        #expect(!Self.compliant.isEmpty)
        let (status, findings, _) = try Self.run(Self.compliant)
        #expect(status == 0, "\(findings.map { "\($0["rule"] ?? "") \($0["message"] ?? "")" })")
    }

    @Test(arguments: evasions)
    func evasionFailsTheGateWithALocatedFinding(_ evasion: Evasion) throws {
        var snapshot = Self.compliant
        evasion.change(&snapshot)
        let (status, findings, file) = try Self.run(snapshot, evasion.arguments)
        #expect(status == 1, "\(evasion.name) passed the gate")
        let caught = findings.filter { f in
            f["rule"] as? String == evasion.rule
                && ((f["key"] as? String ?? "").contains(evasion.at) || (f["path"] as? String ?? "").contains(evasion.at))
                && ["fail", "error", "no_evidence"].contains(f["outcome"] as? String ?? "")
        }
        #expect(!caught.isEmpty, "\(evasion.name): no \(evasion.rule) finding at \(evasion.at); got \(findings.map { "\($0["rule"] ?? "") \($0["key"] ?? "")" })")
        for finding in caught {
            #expect(finding["file"] as? String == file)
            #expect((finding["line"] as? Int ?? 0) > 0, "\(evasion.name): the finding has no line")
        }
    }

    /// A rejected value is named for what it is in the CI formats, not as a rule that failed to run.
    @Test func aRejectedValueReadsAsAnInvalidSnapshotValue() throws {
        var snapshot = Self.compliant
        Self.edit(&snapshot, "services", 0) { $0["status"] = "Live" }
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("s.json")
        try JSONSerialization.data(withJSONObject: snapshot, options: [.sortedKeys]).write(to: file)
        let sarif = try CLIRunner.run(["check", file.path, "--format", "sarif"])
        #expect(sarif.stdout.contains("\"invalid snapshot value: services[0].status: 'Live' is not one of"), "\(sarif.stdout.prefix(400))")
        let junit = try CLIRunner.run(["check", file.path, "--format", "junit"])
        #expect(junit.stdout.contains("type=\"schema\""))
        #expect(!junit.stdout.contains("evaluation error"))
    }

    /// The issue's starkest case: fifteen record sections removed and the services' status
    /// written 'operational' passed with 0 findings and "40 of 40 clauses conform".
    @Test func fifteenSectionsRemovedAndAnUnknownStatusFailWithNoClauseConformingByOmission() throws {
        var snapshot = Self.compliant
        let removed = ["incidents", "service_requests", "problems", "changes", "releases", "continuity_plans", "availability",
                       "service_reports", "internal_audits", "management_reviews", "nonconformities", "improvements",
                       "training_records", "assets", "configuration_items"]
        for section in removed { snapshot[section] = nil }
        var services = snapshot["services"] as? [[String: Any]] ?? []
        for i in services.indices { services[i]["status"] = "operational" }
        snapshot["services"] = services
        let (status, findings, _) = try Self.run(snapshot)
        #expect(status == 1)
        let missing = Set(findings.filter { $0["rule"] as? String == "EVIDENCE" }.compactMap { $0["key"] as? String })
        #expect(missing == Set(removed))
        #expect(findings.contains { $0["rule"] as? String == "SNAPSHOT-SCHEMA" && ($0["path"] as? String) == "services[0].status" })

        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("s.json")
        try JSONSerialization.data(withJSONObject: snapshot, options: [.sortedKeys]).write(to: file)
        let text = try CLIRunner.run(["check", file.path])
        #expect(!text.stdout.contains("Do     40 of 40 clauses conform"), "\(text.stdout)")
        let markdown = try CLIRunner.run(["check", file.path, "--format", "markdown"])
        #expect(markdown.stdout.contains("**NO EVIDENCE**"))
    }
}
