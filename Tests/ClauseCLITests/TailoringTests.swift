import Foundation
import Testing

/// `--tailoring`: parameter values, deselected rules and clauses, severities and the
/// organisation's own rules, each with a rationale that every report carries.
@Suite struct TailoringTests {
    /// A pack with one parameter (a review window) and two rules citing 8.1, one citing 8.2.
    static let pack = """
    pack: small
    title: Small
    version: 1.0.0
    clauses:
      - {number: '8', title: Operation, parent: null}
      - {number: '8.1', title: Planning, parent: '8'}
      - {number: '8.2', title: Portfolio, parent: '8'}
    parameters:
      review_window:
        type: duration
        default: 365d
        minimum: 30d
        maximum: 730d
        description: How old a review may be.
      target:
        type: number
        default: 95
        minimum: 50
        maximum: 100
        description: A percentage.
    rules:
      - {id: R-1, clause: '8.1', title: reviewed, severity: major, stage: operation, each: services, key: it.id,
         assert: "now - date(it.reviewed_on) <= review_window", message: "{it.id} review too old", remediation: r, tests: []}
      - {id: R-2, clause: '8.1', title: target, severity: minor, stage: operation, each: services, key: it.id,
         assert: "double(it.score) >= double(target)", message: "{it.id} below target", remediation: r, tests: []}
      - {id: R-3, clause: '8.2', title: named, severity: minor, stage: operation, each: services, key: it.id,
         assert: "it.id != ''", message: m, remediation: r, tests: []}

    """

    static let snapshot = """
    as_of: 2026-06-30
    services:
      - {id: S1, reviewed_on: 2026-03-01, score: 96}

    """

    struct Setup {
        let dir: URL
        var pack: String { dir.appendingPathComponent("pack.yaml").path }
        var snapshot: String { dir.appendingPathComponent("s.yaml").path }
        var tailoring: String { dir.appendingPathComponent("tailoring.yaml").path }

        func check(_ tailoring: String?, _ extra: [String] = []) throws -> CLIRunner.Output {
            if let tailoring { try tailoring.write(toFile: self.tailoring, atomically: true, encoding: .utf8) }
            return try CLIRunner.run(["check", snapshot, "--pack", pack] + (tailoring == nil ? [] : ["--tailoring", self.tailoring]) + extra)
        }
    }

    static func setup() throws -> Setup {
        let dir = try CLIRunner.temporaryDirectory()
        try pack.write(to: dir.appendingPathComponent("pack.yaml"), atomically: true, encoding: .utf8)
        try snapshot.write(to: dir.appendingPathComponent("s.yaml"), atomically: true, encoding: .utf8)
        return Setup(dir: dir)
    }

    static func tailoring(_ body: String) -> String {
        "tailoring: t\ntitle: Test tailoring\npack: small\n" + body
    }

    @Test func aParameterValueChangesTheVerdict() throws {
        let setup = try Self.setup()
        let untailored = try setup.check(nil)
        #expect(untailored.status == 0, "\(untailored.stdout)")
        // A 60-day window makes the March review too old on 30 June.
        let tailored = try setup.check(Self.tailoring("parameters:\n  review_window: {value: 60d, rationale: Reviews are monthly here.}\n"))
        #expect(tailored.status == 1)
        #expect(tailored.stdout.contains("major R-1 S1 review too old"), "\(tailored.stdout)")
        #expect(tailored.stdout.contains("parameter review_window: 365d -> 60d (Reviews are monthly here.)"), "\(tailored.stdout)")
        // A number parameter set to a decimal is compared as one.
        let decimal = try setup.check(Self.tailoring("parameters:\n  target: {value: 96.5, rationale: Raised for 2026.}\n"))
        #expect(decimal.stdout.contains("minor R-2 S1 below target"), "\(decimal.stdout)")
    }

    /// Each mistake in a tailoring file is a located error, exit 2, never a check that ran on
    /// something other than what was asked.
    @Test(arguments: [
        ("parameters:\n  review_window: {value: 1000d, rationale: x}\n", "tailoring.yaml:5:26: error: parameter 'review_window': 1000d is above the maximum 730d"),
        ("parameters:\n  review_window: {value: 7d, rationale: x}\n", "tailoring.yaml:5:26: error: parameter 'review_window': 7d is below the minimum 30d"),
        ("parameters:\n  review_window: {value: a year, rationale: x}\n", "error: parameter 'review_window': 'a year' is not a duration (such as 30d, 12h, 1d12h)"),
        ("parameters:\n  target: {value: '95', rationale: x}\n", "error: parameter 'target': expected a number, not a string"),
        ("parameters:\n  review_windw: {value: 60d, rationale: x}\n", "tailoring.yaml:5:3: error: the pack has no parameter 'review_windw'"),
        ("parameters:\n  review_window: {value: 60d}\n", "error: parameter 'review_window' is missing required field 'rationale'"),
        ("parameters:\n  review_window: {value: 60d, rationale: '  '}\n", "error: a rationale must not be empty: it is what an auditor reads"),
        ("rules:\n  R-9: {select: false, rationale: x}\n", "tailoring.yaml:5:3: error: the pack has no rule 'R-9'"),
        ("rules:\n  R-1: {severity: huge, rationale: x}\n", "error: 'huge' is not a valid severity; expected one of 'observation', 'minor', 'major'"),
        ("rules:\n  R-1: {rationale: x}\n", "error: rule 'R-1': give 'select: false' or a 'severity'"),
        ("rules:\n  R-1: {select: true, rationale: x}\n", "error: rule 'R-1': give 'select: false' or a 'severity'"),
        ("clauses:\n  '9.9': {select: false, rationale: x}\n", "tailoring.yaml:5:3: error: clause '9.9' is not in the pack's catalogue"),
        ("rule_files: [../elsewhere.yaml]\n", "error: rule file '../elsewhere.yaml' is outside the tailoring file's folder"),
        ("parameter: {}\n", "error: unknown field 'parameter' in the tailoring file"),
    ])
    func mistakesAreLocatedErrors(body: String, expected: String) throws {
        let setup = try Self.setup()
        let run = try setup.check(Self.tailoring(body))
        #expect(run.status == 2)
        #expect(run.stderr.contains(expected), "\(run.stderr)")
    }

    @Test func aTailoringForAnotherPackIsRefused() throws {
        let setup = try Self.setup()
        let run = try setup.check("tailoring: t\ntitle: T\npack: iso20000-1\n")
        #expect(run.status == 2)
        #expect(run.stderr.contains("tailoring.yaml:3:7: error: this tailoring is for pack 'iso20000-1', not 'small'"), "\(run.stderr)")
    }

    /// Deselecting the last rule of a clause is an exclusion the standard does not admit:
    /// refused, or with `--allow-exclusions` accepted and shown in every report.
    @Test func anExclusionIsRefusedUnlessAllowedThenReported() throws {
        let setup = try Self.setup()
        let body = Self.tailoring("rules:\n  R-3: {select: false, rationale: The portfolio is out of scope this year.}\n")
        let refused = try setup.check(body)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("tailoring.yaml:5:3: error: this leaves clause 8.2 (Portfolio) with no rule; ISO/IEC 20000-1 admits no exclusions from clauses 4 to 10"), "\(refused.stderr)")
        let allowed = try setup.check(body, ["--allow-exclusions", "--format", "json", "--output", setup.dir.appendingPathComponent("r.json").path, "--format", "text"])
        #expect(allowed.status == 0, "\(allowed.stdout)\(allowed.stderr)")
        #expect(allowed.stdout.contains("EXCLUSION 8.2 Portfolio: no rule checks this clause (The portfolio is out of scope this year.)"), "\(allowed.stdout)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: setup.dir.appendingPathComponent("r.json"))) as? [String: Any]
        let clauses = json?["clauses"] as? [[String: Any]] ?? []
        #expect(clauses.first { $0["number"] as? String == "8.2" }?["status"] as? String == "tailored_out")
        #expect((json?["tailoring"] as? [String: Any])?["exclusions"] as? [String] == ["8.2"])
        // Deselecting the clause itself is the same exclusion.
        let byClause = try setup.check(Self.tailoring("clauses:\n  '8.2': {select: false, rationale: Out of scope.}\n"))
        #expect(byClause.status == 2)
        #expect(byClause.stderr.contains("this leaves clause 8.2 (Portfolio) with no rule"), "\(byClause.stderr)")
    }

    @Test func anAddedRuleMayNotReuseAnId() throws {
        let setup = try Self.setup()
        try """
        rules:
          - {id: R-1, clause: '8.1', title: again, severity: minor, stage: operation, assert: 'true', message: m, remediation: r}

        """.write(to: setup.dir.appendingPathComponent("own.yaml"), atomically: true, encoding: .utf8)
        let run = try setup.check(Self.tailoring("rule_files: [own.yaml]\n"))
        #expect(run.status == 2)
        #expect(run.stderr.contains("own.yaml:2:10: error: duplicate rule id 'R-1'"), "\(run.stderr)")
        #expect(run.stderr.contains("first defined at \(setup.pack):"), "\(run.stderr)")
    }

    @Test func anAddedRuleFileWithNoRulesIsAnError() throws {
        let setup = try Self.setup()
        try "rules: []\n".write(to: setup.dir.appendingPathComponent("own.yaml"), atomically: true, encoding: .utf8)
        let run = try setup.check(Self.tailoring("rule_files: [own.yaml]\n"))
        #expect(run.status == 2)
        #expect(run.stderr.contains("own.yaml:1:8: error: rule file 'own.yaml' holds no rules"), "\(run.stderr)")
    }

    /// The shipped example: a rule tailored out and its rationale, in every report format.
    @Test(arguments: ["text", "json", "markdown", "html", "junit", "sarif"])
    func theTailoringIsInEveryFormat(format: String) throws {
        let run = try CLIRunner.run(["check", "samples/acme-2026-q2.yaml", "--pack", "rules/examples/acme-extra",
                                     "--tailoring", "rules/examples/acme-extra/tailoring.yaml", "--format", format])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.contains("CERT-005"))
        #expect(run.stdout.contains("tailored"))
        #expect(run.stdout.contains("the group internal audit verifies every quarter"), "\(format)")
        #expect(run.stdout.contains("ACME-001"))
        // Markdown escapes the underscores of a name.
        #expect(run.stdout.contains(format == "markdown" ? "emergency\\_review\\_window" : "emergency_review_window"), "\(format)")
    }

    /// `clause test` of the example pack runs its own rules' tests under the tailoring, not
    /// those of the pack it requires.
    @Test func theOrganisationsOwnRulesAreTested() throws {
        let run = try CLIRunner.run(["test", "rules/examples/acme-extra", "--tailoring", "rules/examples/acme-extra/tailoring.yaml", "--verbose"])
        #expect(run.status == 0, "\(run.stdout)")
        #expect(run.stdout.contains("ok    ACME-002 evasion: a review dated in the future does not count"))
        #expect(!run.stdout.contains("CTX-001"))
        #expect(run.stdout.contains("6 passed, 0 failed"))
    }
}
