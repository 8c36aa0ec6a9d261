import Foundation
import Testing

/// The CI integrations run here as far as they can without GitHub or GitLab: the shared check
/// step, the action's and the template's own shell steps, and the pre-commit hooks, each with
/// the real binary on the samples.
@Suite struct CIIntegrationTests {
    /// A YAML file of the project as JSON, read by `clause dump` (the project's own loader).
    static func yaml(_ path: String) throws -> Any {
        let dump = try CLIRunner.run(["dump", path])
        #expect(dump.status == 0, "\(dump.stderr)")
        return try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8))
    }

    static func bash(_ script: String, environment: [String: String]) throws -> CLIRunner.Output {
        try InstallTests.shell("/bin/bash", ["-c", script], environment: environment)
    }

    static func reports() throws -> URL { try CLIRunner.temporaryDirectory().appendingPathComponent("reports") }

    @Test func theCheckStepWritesEveryReportAndKeepsClausesExitCode() throws {
        let reports = try Self.reports()
        let env = ["CLAUSE_BIN": CLIRunner.binary.path, "CLAUSE_SNAPSHOT": "samples/acme-2026-q2.yaml", "CLAUSE_REPORTS": reports.path]
        let failed = try InstallTests.shell("ci/run-check", [], environment: env)
        #expect(failed.status == 1, "\(failed.stderr)")
        for name in ["clause.sarif", "clause.junit.xml", "clause.html", "clause.json", "clause.md", "clause.codequality.json"] {
            let size = (try? FileManager.default.attributesOfItem(atPath: reports.appendingPathComponent(name).path)[.size] as? Int) ?? 0
            #expect(size > 0, "\(name)")
        }
        let quality = try JSONSerialization.jsonObject(with: Data(contentsOf: reports.appendingPathComponent("clause.codequality.json"))) as? [[String: Any]] ?? []
        #expect(quality.count == 45)
        #expect(Set(quality.compactMap { $0["fingerprint"] as? String }).count == quality.count)
        #expect(quality.allSatisfy { ($0["location"] as? [String: Any])?["path"] as? String == "samples/acme-2026-q2.yaml" })

        var passing = env
        passing["CLAUSE_FAIL_ON"] = "none"
        #expect(try InstallTests.shell("ci/run-check", [], environment: passing).status == 0)
        var tailored = env
        tailored["CLAUSE_TAILORING"] = "rules/examples/acme-extra/tailoring.yaml"
        tailored["CLAUSE_WAIVERS"] = "samples/waivers.yaml"
        let withFiles = try InstallTests.shell("ci/run-check", [], environment: tailored)
        #expect(withFiles.status == 1)
        #expect(withFiles.stdout.contains("Tailored by Acme Managed IT"))
        var missing = env
        missing["CLAUSE_SNAPSHOT"] = "samples/none.yaml"
        #expect(try InstallTests.shell("ci/run-check", [], environment: missing).status == 2)
    }

    /// The action's check and gate steps, run by bash as the runner would, with GitHub's
    /// expressions filled in.
    @Test func theActionsStepsGateOnTheCheck() throws {
        let action = try #require(try Self.yaml("action.yml") as? [String: Any])
        let steps = try #require((action["runs"] as? [String: Any])?["steps"] as? [[String: Any]])
        let check = try #require(steps.first { $0["name"] as? String == "Check" }?["run"] as? String)
        let gate = try #require(steps.first { $0["name"] as? String == "Gate" }?["run"] as? String)
        let output = try CLIRunner.temporaryDirectory().appendingPathComponent("github-output")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let script = check.replacingOccurrences(of: "${{ github.action_path }}", with: CLIRunner.packageRoot.path)
        let run = try Self.bash(script, environment: ["CLAUSE_BIN": CLIRunner.binary.path, "CLAUSE_SNAPSHOT": "samples/acme-2026-q2.yaml",
                                                      "CLAUSE_FAIL_ON": "minor", "CLAUSE_REPORTS": try Self.reports().path,
                                                      "GITHUB_OUTPUT": output.path])
        #expect(run.status == 0, "the check step records the status and continues: \(run.stderr)")
        let recorded = try String(contentsOf: output, encoding: .utf8)
        #expect(recorded == "status=1\n")
        #expect(try Self.bash(gate, environment: ["STATUS": "1"]).status == 1)
        #expect(try Self.bash(gate, environment: ["STATUS": "0"]).status == 0)
    }

    @Test func theGitLabTemplatesScriptRuns() throws {
        let template = try #require(try Self.yaml("ci/gitlab/clause.gitlab-ci.yml") as? [String: Any])
        let job = try #require(template[".clause-check"] as? [String: Any])
        let script = try #require(job["script"] as? [String])
        let reports = try #require(((job["artifacts"] as? [String: Any])?["reports"] as? [String: Any]))
        #expect(reports["junit"] as? String == "clause-reports/clause.junit.xml")
        #expect(reports["codequality"] as? String == "clause-reports/clause.codequality.json")
        let dir = try Self.reports().deletingLastPathComponent()
        let lines = script.map { $0.replacingOccurrences(of: "/opt/clause-src", with: CLIRunner.packageRoot.path) }.joined(separator: "\n")
        let run = try InstallTests.shell("/bin/bash", ["-c", "cd \(CLIRunner.packageRoot.path) && " + lines],
                                         environment: ["CLAUSE_BIN": CLIRunner.binary.path, "CLAUSE_SNAPSHOT": "samples/acme-2026-q2.yaml",
                                                       "CLAUSE_REPORTS": dir.appendingPathComponent("clause-reports").path])
        #expect(run.status == 1)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("clause-reports/clause.junit.xml").path))
    }

    @Test func thePreCommitHooksPassOnTheShippedPack() throws {
        let hooks = try #require(try Self.yaml(".pre-commit-hooks.yaml") as? [[String: Any]])
        #expect(hooks.map { $0["id"] as? String ?? "" } == ["clause-lint", "clause-test"])
        for hook in hooks {
            let entry = try #require(hook["entry"] as? String).split(separator: " ").map(String.init)
            #expect(entry.first == "clause")
            let run = try CLIRunner.run(Array(entry.dropFirst()) + ["rules/iso20000-1"])
            #expect(run.status == 0, "\(hook["id"] ?? ""): \(run.stdout)\(run.stderr)")
        }
    }
}
