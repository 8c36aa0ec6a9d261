import ClauseReport
import ClauseRules
import Foundation
import ClauseTestSupport
import Testing

@Suite struct SARIFReporterTests {
    static func object(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func run(_ text: String) throws -> [String: Any] {
        let runs = try #require(try object(text)["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        return try #require(runs.first)
    }

    static func results(_ run: [String: Any]) -> [[String: Any]] { run["results"] as? [[String: Any]] ?? [] }

    @Test func sampleValidatesAgainstTheSchema() throws {
        let problem = Python.sarifProblem(SARIFReporter.render(try ReportFixtures.waived()))
        #expect(problem == nil, "\(problem ?? "")")
    }

    @Test func variedReportValidatesAgainstTheSchema() throws {
        let problem = Python.sarifProblem(SARIFReporter.render(try ReportFixtures.varied(), informationURI: "https://example.org/clause"))
        #expect(problem == nil, "\(problem ?? "")")
    }

    @Test func theValidatorRejectsAnInvalidLog() throws {
        // Guards the guard: a log without `runs` must not pass, or the schema tests prove nothing.
        let bad = "{\"version\": \"2.1.0\", \"$schema\": \"\(SARIFReporter.schemaURI)\"}"
        let problem = try #require(Python.sarifProblem(bad))
        #expect(problem.hasPrefix("SARIF does not validate"), "\(problem)")
        #expect(problem.contains("runs"), "\(problem)")
    }

    @Test func headerToolAndColumnKind() throws {
        let report = try ReportFixtures.waived()
        let log = try Self.object(SARIFReporter.render(report))
        #expect(log["version"] as? String == "2.1.0")
        #expect(log["$schema"] as? String == SARIFReporter.schemaURI)
        let run = try Self.run(SARIFReporter.render(report))
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "clause")
        #expect(driver["semanticVersion"] as? String == report.tool.version)
        let rules = driver["rules"] as? [[String: Any]] ?? []
        #expect(rules.map { $0["id"] as? String } == report.rules.map(\.id))
        let slm = try #require(rules.first { $0["id"] as? String == "SLM-001" })
        #expect(slm["name"] as? String == "EveryLiveServiceHasAnAgreedSLAWithAnAvailabilityTarget")
        let properties = try #require(slm["properties"] as? [String: Any])
        #expect((properties["tags"] as? [String])?.contains("iso20000-1") == true)
        #expect((properties["tags"] as? [String])?.contains { $0.hasPrefix("clause-8.") } == true)
        #expect((properties["clauses"] as? [String])?.first?.hasPrefix("8.") == true)
        let help = try #require(slm["help"] as? [String: Any])
        #expect(help["text"] as? String == report.rules.first { $0.id == "SLM-001" }?.remediation)
    }

    @Test func everyFindingIsOneResultWithAConsistentRuleIndex() throws {
        let report = try ReportFixtures.varied()
        let run = try Self.run(SARIFReporter.render(report))
        let rules = ((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]] ?? []
        let results = Self.results(run)
        #expect(results.count == ReportFixtures.findings(report).count)
        for result in results {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules.indices.contains(index))
            #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
            let fingerprints = result["partialFingerprints"] as? [String: String]
            #expect(fingerprints?[SARIFReporter.fingerprintKey]?.count == 16)
        }
    }

    @Test func waivedFindingsCarryAnAcceptedExternalSuppression() throws {
        let report = try ReportFixtures.waived()
        let results = Self.results(try Self.run(SARIFReporter.render(report)))
        let suppressed = results.filter { $0["suppressions"] != nil }
        #expect(suppressed.count == ReportFixtures.count(report, .waived))
        #expect(suppressed.count == 2)
        for result in suppressed {
            let suppression = try #require((result["suppressions"] as? [[String: Any]])?.first)
            #expect(suppression["kind"] as? String == "external")
            #expect(suppression["status"] as? String == "accepted")
            let justification = suppression["justification"] as? String ?? ""
            let waiver = try #require(ReportFixtures.findings(report).first { $0.fingerprint == (result["partialFingerprints"] as? [String: String])?[SARIFReporter.fingerprintKey] }?.waiver)
            #expect(justification.contains(waiver.reason) && justification.contains(waiver.approvedBy) && justification.contains(waiver.expires))
        }
    }

    @Test func baselineStateOnlyWithABaseline() throws {
        let plain = Self.results(try Self.run(SARIFReporter.render(try ReportFixtures.waived())))
        #expect(plain.allSatisfy { $0["baselineState"] == nil })
        let report = try ReportFixtures.varied()
        let results = Self.results(try Self.run(SARIFReporter.render(report)))
        #expect(results.map { $0["baselineState"] as? String } == ReportFixtures.findings(report).map(\.baseline))
    }

    @Test func levelsFollowSeverityAndErrorsAreErrors() throws {
        let report = try ReportFixtures.varied()
        let results = Self.results(try Self.run(SARIFReporter.render(report)))
        for (finding, result) in zip(ReportFixtures.findings(report), results) {
            let text = (result["message"] as? [String: Any])?["text"] as? String ?? ""
            if finding.outcome == .error {
                #expect(result["level"] as? String == "error")
                #expect(text == "evaluation error: " + finding.message)
            } else {
                #expect(result["level"] as? String == SARIFReporter.level(finding.severity))
                #expect(text == finding.message)
            }
        }
        #expect(SARIFReporter.level(.major) == "error")
        #expect(SARIFReporter.level(.minor) == "warning")
        #expect(SARIFReporter.level(.observation) == "note")
    }

    @Test func locationsAreRelativeToSrcRootAndOmitAnUnknownRegion() throws {
        let report = try ReportFixtures.varied()
        let run = try Self.run(SARIFReporter.render(report))
        for (finding, result) in zip(ReportFixtures.findings(report), Self.results(run)) {
            let physical = try #require(((result["locations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any])
            let artifact = try #require(physical["artifactLocation"] as? [String: Any])
            #expect(artifact["uriBaseId"] as? String == "%SRCROOT%")
            let region = physical["region"] as? [String: Any]
            if let line = finding.line {
                #expect(region?["startLine"] as? Int == line)
                #expect(region?["startColumn"] as? Int == finding.column)
            } else {
                #expect(region == nil)
            }
        }
        let uris = Self.results(run).compactMap { (((($0["locations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any])?["artifactLocation"] as? [String: Any])?["uri"] as? String }
        #expect(uris.contains("snap%20shots/q2%20%231.yaml"))
        let artifacts = run["artifacts"] as? [[String: Any]] ?? []
        #expect(artifacts.count == 2)
        #expect((artifacts.first?["hashes"] as? [String: String])?["sha-256"] == report.snapshots[0].sha256)
    }

    @Test func invocationCarriesTheGateAndWaiverNotifications() throws {
        let report = try ReportFixtures.waived()
        let run = try Self.run(SARIFReporter.render(report))
        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == true)
        let properties = invocation["properties"] as? [String: Any]
        #expect(properties?["gate"] as? String == report.gate)
        let snapshots = properties?["snapshots"] as? [[String: Any]]
        #expect(snapshots?.first?["as_of"] as? String == "2026-06-30T00:00:00Z")
        let notifications = invocation["toolExecutionNotifications"] as? [[String: Any]] ?? []
        #expect(notifications.count == report.waivers.filter { $0.state != .active }.count)
        #expect(notifications.contains { (($0["message"] as? [String: Any])?["text"] as? String)?.contains("SUPL-003 SUP-SIP expired") == true })
    }

    @Test func renderingIsDeterministic() throws {
        let report = try ReportFixtures.varied()
        #expect(SARIFReporter.render(report) == SARIFReporter.render(report))
    }

    static let names: [(String, String)] = [
        ("Every live service has an agreed SLA", "EveryLiveServiceHasAnAgreedSLA"),
        ("SLM-001", "SLM001"),
        ("supplier's review is recorded", "SupplierSReviewIsRecorded"),
        ("", ""),
    ]

    @Test(arguments: names)
    func pascalCaseNames(title: String, expected: String) {
        #expect(SARIFReporter.pascalCase(title) == expected)
    }
}
