import Foundation
import Testing

@Suite struct DiffCommandTests {
    static let q2 = "samples/acme-2026-q2.yaml"
    static let q3 = "samples/acme-2026-q3.yaml"

    /// `clause check --format json` of a sample, written to a temporary file.
    static func results(of snapshot: String, in dir: URL) throws -> String {
        let path = dir.appendingPathComponent(URL(fileURLWithPath: snapshot).deletingPathExtension().lastPathComponent + ".json").path
        let out = try CLIRunner.run(["check", snapshot, "--format", "json", "--output", path])
        #expect(out.status == 1, "\(out.stderr)")
        return path
    }

    @Test func showsIntroducedResolvedAndPersistingFindingsPerClause() throws {
        let out = try CLIRunner.run(["diff", Self.q2, Self.q3])
        #expect(out.status == 1, "\(out.stderr)")
        #expect(out.stderr.isEmpty)
        #expect(out.stdout.contains("7.5.3 Control of documented information\n  Introduced (2)\n"))
        #expect(out.stdout.contains("  Resolved (1)\n    minor       SUP-008 DOC-POL-01: "))
        #expect(out.stdout.contains("8.6 Resolution and fulfilment\n  Introduced (1)\n"))
        #expect(out.stdout.contains("  Persisting (3)\n    major       INC-001 INC-24150: "))
        #expect(out.stdout.contains("Totals: 16 introduced, 16 resolved, 29 persisting, 0 changed, 0 newly waived\n"))
        #expect(out.stdout.hasSuffix("Gate failed: 16 findings in NEW fail the gate (fail on minor)\n"))
    }

    static let formats: [(String, String)] = [("text", "txt"), ("json", "json"), ("markdown", "md"), ("html", "html")]

    @Test(arguments: formats)
    func everyFormatMatchesGoldenAndRerunsByteForByte(format: String, ext: String) throws {
        let first = try CLIRunner.run(["diff", Self.q2, Self.q3, "--format", format])
        let second = try CLIRunner.run(["diff", Self.q2, Self.q3, "--format", format])
        #expect(first.status == 1, "\(first.stderr)")
        #expect(first.stdout == second.stdout)
        try CheckCommandTests.compare(first.stdout, golden: "diff-q2-q3.\(ext)")
    }

    @Test func jsonIsTheDeltaSchema() throws {
        let out = try CLIRunner.run(["diff", Self.q2, Self.q3, "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any]
        #expect(object?["schema"] as? String == "clause-delta/1")
        #expect(object?["gate"] as? String == "failed")
        let totals = object?["totals"] as? [String: Int]
        #expect(totals == ["introduced": 16, "resolved": 16, "persisting": 29, "changed": 0, "newly_waived": 0, "failing_gate": 16])
    }

    @Test(arguments: ["text", "json", "html"])
    func resultsFilesGiveTheSameDeltaAsSnapshots(format: String) throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let old = try Self.results(of: Self.q2, in: dir), new = try Self.results(of: Self.q3, in: dir)
        let fromSnapshots = try CLIRunner.run(["diff", Self.q2, Self.q3, "--format", format])
        let fromResults = try CLIRunner.run(["diff", old, new, "--format", format])
        let mixed = try CLIRunner.run(["diff", old, Self.q3, "--format", format])
        #expect(fromResults.status == 1, "\(fromResults.stderr)")
        #expect(fromResults.stdout == fromSnapshots.stdout)
        #expect(mixed.stdout == fromSnapshots.stdout)
    }

    static let exitCases: [([String], Int32)] = [
        ([q2, q3], 1), ([q2, q3, "--fail-on", "major"], 1), ([q2, q3, "--fail-on", "none"], 0),
        ([q3, q2], 1), ([q2, "samples/compliant/snapshot.yaml"], 0), ([q2, q3, "--fail-on", "fatal"], 2), ([q2, "samples/missing.yaml"], 2),
        ([q2, q3, "--pack", "samples/missing-pack"], 2), ([q2, q3, "--as-of", "yesterday"], 2),
    ]

    @Test(arguments: exitCases)
    func exitCodes(arguments: [String], status: Int32) throws {
        let out = try CLIRunner.run(["diff"] + arguments)
        #expect(out.status == status, "\(out.stderr)")
    }

    @Test func sameFileTwiceHasEverythingPersisting() throws {
        let out = try CLIRunner.run(["diff", Self.q2, Self.q2])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("Totals: 0 introduced, 0 resolved, 45 persisting, 0 changed, 0 newly waived\n"))
        #expect(out.stdout.hasSuffix("Gate passed: 0 findings in NEW fail the gate (fail on minor)\n"))
    }

    static let badFiles: [(String, String, String)] = [
        ("broken.yaml", "services: [1, 2\n", "broken.yaml:2:1: error: "),
        ("delta.json", "{\"schema\": \"clause-delta/1\"}\n", "delta.json:1:12: error: 'clause-delta/1' is not a schema this command reads"),
        ("results.json", "{\"schema\": \"clause-results/1\", \"tool\": {\"name\": \"clause\", \"version\": \"0.1.0\"}, \"pack\": 3}\n",
         "results.json:1:88: error: not a valid clause-results/1 file at 'pack': "),
        ("list.yaml", "- 1\n- 2\n", "list.yaml:1:1: error: a snapshot must be a mapping of sections"),
    ]

    @Test(arguments: badFiles)
    func badInputIsLocatedAndExits2(name: String, content: String, message: String) throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent(name).path
        try Data(content.utf8).write(to: URL(fileURLWithPath: path))
        let out = try CLIRunner.run(["diff", Self.q2, path])
        #expect(out.status == 2)
        #expect(out.stdout.isEmpty)
        #expect(out.stderr.contains(message), "\(out.stderr)")
    }

    @Test func waiversInForceMakeFindingsNewlyWaived() throws {
        let out = try CLIRunner.run(["diff", Self.q2, Self.q3, "--waivers", "samples/waivers.yaml"])
        #expect(out.status == 1, "\(out.stderr)")
        #expect(out.stdout.contains("  Newly waived (1)\n    major       SLM-001 SVC-21: "))
        #expect(out.stdout.contains("  Newly waived (1)\n    major       CAP-003 SVC-07: "))
        #expect(out.stdout.contains("waived until 2027-01-31 by Head of Service Management: "))
        // The SUPL-003 waiver expired on 2026-06-15: that finding still persists.
        #expect(out.stdout.contains("  Persisting (1)\n    minor       SUPL-003 SUP-SIP: "))
        #expect(out.stdout.contains("Totals: 16 introduced, 16 resolved, 27 persisting, 0 changed, 2 newly waived\n"))
        let bad = try CLIRunner.run(["diff", Self.q2, Self.q3, "--waivers", "samples/acme-2026-q2.yaml"])
        #expect(bad.status == 2)
    }

    @Test func waiverLapsingIsAWorseChange() throws {
        // OLD evaluated with the waivers, NEW without: SLM-001/SVC-21 goes from waived back to a nonconformity.
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let old = dir.appendingPathComponent("q2-waived.json").path
        _ = try CLIRunner.run(["check", Self.q2, "--waivers", "samples/waivers.yaml", "--format", "json", "--output", old])
        let out = try CLIRunner.run(["diff", old, Self.q2, "--fail-on", "major"])
        #expect(out.status == 1, "\(out.stderr)")
        #expect(out.stdout.contains("  Changed (1)\n    major       SLM-001 SVC-21: "))
        #expect(out.stdout.contains("outcome: waived -> fail\n"))
        #expect(out.stdout.contains("Totals: 0 introduced, 0 resolved, 43 persisting, 2 changed, 0 newly waived\n"))
    }

    @Test func outputGoesToTheFileGiven() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("delta.html").path
        let out = try CLIRunner.run(["diff", Self.q2, Self.q3, "--format", "html", "--output", path])
        #expect(out.status == 1)
        #expect(out.stdout.isEmpty)
        let html = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("src="))
    }
}
