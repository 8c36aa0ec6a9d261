import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ClauseTestSupport
import Testing

/// `clause check --format sarif|junit|markdown` through the real binary: golden files (with the
/// sample waivers, so waived and expired cases are covered), byte-identical reruns, several
/// outputs in one run, a baseline, and SARIF checked against the 2.1.0 schema.
@Suite struct ReportFormatTests {
    static let sample = ["check", "samples/acme-2026-q2.yaml", "--waivers", "samples/waivers.yaml"]

    static let goldens: [(format: String, golden: String)] = [
        ("sarif", "acme-2026-q2.sarif"), ("junit", "acme-2026-q2.junit.xml"), ("markdown", "acme-2026-q2.md"),
    ]

    @Test(arguments: goldens)
    func matchesGoldenAndIsByteIdenticalOnRerun(format: String, golden: String) throws {
        let first = try CLIRunner.run(Self.sample + ["--format", format])
        let second = try CLIRunner.run(Self.sample + ["--format", format])
        #expect(first.status == 1, "\(first.stderr)")
        #expect(first.stderr.isEmpty)
        #expect(first.stdout == second.stdout)
        try CheckCommandTests.compare(first.stdout, golden: golden)
    }

    @Test func severalFormatsToFilesInOneRun() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sarif = dir.appendingPathComponent("out.sarif"), junit = dir.appendingPathComponent("out.xml")
        let out = try CLIRunner.run(Self.sample + ["--format", "sarif", "--output", sarif.path, "--format", "junit", "--output", junit.path, "--format", "markdown"])
        #expect(out.status == 1)
        #expect(out.stdout == (try CLIRunner.run(Self.sample + ["--format", "markdown"])).stdout)
        #expect(String(decoding: try Data(contentsOf: sarif), as: UTF8.self) == (try CLIRunner.run(Self.sample + ["--format", "sarif"])).stdout)
        #expect(String(decoding: try Data(contentsOf: junit), as: UTF8.self) == (try CLIRunner.run(Self.sample + ["--format", "junit"])).stdout)
    }

    @Test func sarifFromTheBinaryValidatesAgainstTheSchema() throws {
        let out = try CLIRunner.run(Self.sample + ["--format", "sarif"])
        let problem = Python.sarifProblem(out.stdout)
        #expect(problem == nil, "\(problem ?? "")")
    }

    @Test func sarifWithABaselineStatesNewAndUnchanged() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let baseline = dir.appendingPathComponent("q2.json")
        _ = try CLIRunner.run(["check", "samples/acme-2026-q2.yaml", "--format", "json", "--output", baseline.path])
        let out = try CLIRunner.run(["check", "samples/acme-2026-q3.yaml", "--baseline", baseline.path, "--format", "sarif"])
        let problem = Python.sarifProblem(out.stdout)
        #expect(problem == nil, "\(problem ?? "")")
        let log = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any]
        let results = ((log?["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
        let states = results.map { $0["baselineState"] as? String }
        #expect(!results.isEmpty)
        #expect(states.allSatisfy { $0 == "new" || $0 == "unchanged" })
        #expect(states.contains("new") && states.contains("unchanged"))
    }

    @Test func junitCountsEqualTheJSONResults() throws {
        let json = try CLIRunner.run(Self.sample + ["--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let findings = ((object?["snapshots"] as? [[String: Any]]) ?? []).flatMap { $0["findings"] as? [[String: Any]] ?? [] }
        func count(_ outcome: String) -> Int { findings.filter { $0["outcome"] as? String == outcome }.count }

        let xml = try CLIRunner.run(Self.sample + ["--format", "junit"]).stdout
        final class Counter: NSObject, XMLParserDelegate {
            var counts: [String: Int] = [:]
            var root: [String: String] = [:]
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
                counts[name, default: 0] += 1
                if name == "testsuites" { root = attributes }
            }
        }
        let counter = Counter()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = counter
        #expect(parser.parse(), "\(String(describing: parser.parserError))")
        // Rules that judged nothing applicable are one skipped case each, beside waived findings.
        let summaries = ((object?["snapshots"] as? [[String: Any]]) ?? []).flatMap { $0["rules"] as? [[String: Any]] ?? [] }
        let notApplicable = summaries.filter { r in
            ["pass", "fail", "error", "waived", "no_evidence"].allSatisfy { (r[$0] as? Int ?? 0) == 0 } && (r["not_applicable"] as? Int ?? 0) > 0
        }.count
        #expect(counter.counts["failure", default: 0] == count("fail") + count("no_evidence"))
        #expect(counter.counts["error", default: 0] == count("error"))
        #expect(counter.counts["skipped", default: 0] == count("waived") + notApplicable)
        #expect(counter.root["failures"] == "\(count("fail") + count("no_evidence"))")
        #expect(counter.root["tests"] == "\(counter.counts["testcase", default: 0])")
    }

    @Test func markdownIsTheGapAnalysis() throws {
        let out = try CLIRunner.run(Self.sample + ["--format", "markdown"])
        #expect(out.stdout.hasPrefix("# ISO/IEC 20000-1:2018 service management system requirements: gate failed\n"))
        #expect(out.stdout.contains("| Do (8) | "))
        #expect(out.stdout.contains("## Waived findings"))
        #expect(out.stdout.contains("- Expired: **SUPL-003** `SUP-SIP`"))
    }
}
