import Foundation
import Testing

@Suite struct LintExplainTests {
    @Test func shippedPackLintsClean() throws {
        let out = try CLIRunner.run(["lint", "--strict", "rules/iso20000-1"])
        #expect(out.status == 0, "\(out.stdout)")
        #expect(out.stdout.contains(" rules, 77 clauses, 0 warning(s)"))
    }

    @Test func lintWarnsAboutUntestedRulesAndUncoveredClauses() throws {
        let dir = try BrokenPackTests.pack(BrokenPackTests.good)
        let out = try CLIRunner.run(["lint", "--strict", dir.path])
        #expect(out.status == 1)
        #expect(out.stdout.contains("rules.yaml:2:9: warning: rule 'R-1' needs at least two tests, showing both a pass and a fail (has 0 test(s))"))
        // One test showing a pass and a fail at once is still one test: the documented minimum is two.
        let one = try BrokenPackTests.pack(BrokenPackTests.good.replacingOccurrences(of: "    assert: true\n", with: """
            each: items
            key: it.id
            assert: it.ok
            tests:
              - {name: both, snapshot: {items: [{id: a, ok: true}, {id: b, ok: false}]}, expect: {pass: [a], fail: [b]}}

        """))
        let single = try CLIRunner.run(["lint", "--strict", one.path])
        #expect(single.status == 1)
        #expect(single.stdout.contains("warning: rule 'R-1' needs at least two tests, showing both a pass and a fail (has 1 test(s))"), "\(single.stdout)")
        #expect(out.stdout.contains("warning: rule 'R-1' has no remediation"))
        let broken = try BrokenPackTests.pack(BrokenPackTests.good.replacingOccurrences(of: "assert: true", with: "assert: '1 +'"))
        #expect(try CLIRunner.run(["lint", broken.path]).status == 2)
    }

    @Test func explainShowsTheRuleAndEachVerdict() throws {
        let out = try CLIRunner.run(["explain", "INC-001", "samples/acme-2026-q2.yaml", "--key", "INC-24150"])
        #expect(out.status == 0)
        #expect(out.stdout.contains("INC-001: Every resolved incident"))
        #expect(out.stdout.contains("clauses     8.6 Resolution and fulfilment; 8.6.1 Incident management"))
        #expect(out.stdout.contains("  fail           INC-24150: Incident INC-24150 (P1, service SVC-03) breached its SLA resolution target of 4h"))
        #expect(!out.stdout.contains("  pass "))
        let unknown = try CLIRunner.run(["explain", "INC-999"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no rule 'INC-999'"))
    }
}
