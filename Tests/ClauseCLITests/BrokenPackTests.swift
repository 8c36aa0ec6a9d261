import Foundation
import Testing

/// One broken pack per kind of mistake: each is reported at its place, all at once, exit 2.
@Suite struct BrokenPackTests {
    static let catalogue = "- {number: '8', title: Operation, parent: null}\n- {number: '8.3', title: Relationship and agreement, parent: '8'}\n"
    static let header = "pack: t\ntitle: T\nversion: 1.0.0\nclauses: clauses.yaml\n"

    static func pack(_ rules: String, header: String = header) throws -> URL {
        let dir = try CLIRunner.temporaryDirectory()
        try Data(header.utf8).write(to: dir.appendingPathComponent("pack.yaml"))
        try Data(catalogue.utf8).write(to: dir.appendingPathComponent("clauses.yaml"))
        try Data(rules.utf8).write(to: dir.appendingPathComponent("rules.yaml"))
        return dir
    }

    static let good = """
    rules:
      - id: R-1
        clause: '8.3'
        title: t
        severity: major
        stage: operation
        assert: true
        message: m

    """

    static let cases: [(String, String, String)] = [
        ("unknown field", good.replacingOccurrences(of: "    stage: operation", with: "    stage: operation\n    severty: major"),
         "rules.yaml:7:5: error: unknown field 'severty' in a rule\n        severty: major\n        ^\n    note: did you mean 'severity'?"),
        ("missing field", good.replacingOccurrences(of: "    assert: true\n", with: ""),
         "rules.yaml:2:5: error: a rule is missing required field 'assert'"),
        ("wrong type", good.replacingOccurrences(of: "title: t", with: "title: [a, b]"),
         "rules.yaml:4:12: error: 'title' must be a string, not a list"),
        ("bad enum", good.replacingOccurrences(of: "severity: major", with: "severity: majr"),
         "rules.yaml:5:15: error: 'majr' is not a valid severity; expected one of 'observation', 'minor', 'major'"),
        ("unknown clause", good.replacingOccurrences(of: "clause: '8.3'", with: "clause: '8.4'"),
         "rules.yaml:3:13: error: clause '8.4' is not in the pack's catalogue"),
        ("duplicate id", good + good.replacingOccurrences(of: "rules:\n", with: ""),
         "rules.yaml:9:9: error: duplicate rule id 'R-1'"),
        ("bad expression", good.replacingOccurrences(of: "assert: true", with: "assert: size(1, 2) == 1"),
         "rules.yaml:7:13: error: no matching overload for function 'size' with 2 arguments"),
        ("bad expression in a block", good.replacingOccurrences(of: "assert: true", with: "assert: |\n      has(x.y) &&\n        x.y >"),
         "rules.yaml:10:"),
        ("bad message template", good.replacingOccurrences(of: "message: m", with: "message: \"Service {svc.name\""),
         "rules.yaml:8:23: error: unclosed '{' in message"),
        ("bad YAML", good.replacingOccurrences(of: "title: t", with: "title: [t"), "rules.yaml:"),
    ]

    @Test(arguments: cases)
    func eachMistakeIsLocated(name: String, rules: String, expected: String) throws {
        let dir = try Self.pack(rules)
        let out = try CLIRunner.run(["check", "--pack", dir.path, CLIRunner.packageRoot.appendingPathComponent("samples/compliant/snapshot.yaml").path], in: dir)
        #expect(out.status == 2, "\(name): \(out.stderr)")
        #expect(out.stdout.isEmpty)
        #expect(out.stderr.contains(expected), "\(name): \(out.stderr)")
        #expect(out.stderr.contains("^"), "\(name): no caret")
    }

    @Test func allProblemsAreReportedAtOnce() throws {
        let broken = Self.good.replacingOccurrences(of: "severity: major", with: "severity: big")
            .replacingOccurrences(of: "clause: '8.3'", with: "clause: '9.9'")
            .replacingOccurrences(of: "assert: true", with: "assert: ')'")
        let out = try CLIRunner.run(["test", try Self.pack(broken).path])
        #expect(out.status == 2)
        #expect(out.stderr.components(separatedBy: ": error: ").count - 1 >= 3, "\(out.stderr)")
    }

    @Test func badSnapshotIsBadInput() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let file = dir.appendingPathComponent("s.yaml")
        try Data("services:\n  - id: a\n  - id: [\n".utf8).write(to: file)
        let out = try CLIRunner.run(["check", file.path])
        #expect(out.status == 2)
        #expect(out.stderr.contains(file.path + ":4:1: error:"), "\(out.stderr)")
    }

    @Test func ruleTestFailureShowsExpectedAndActual() throws {
        let rules = Self.good.replacingOccurrences(of: "    assert: true\n    message: m\n", with: """
            each: snapshot.services
            as: svc
            key: svc.id
            assert: svc.ok
            message: m
            tests:
              - name: wrong expectation
                snapshot: {services: [{id: a, ok: true}, {id: b, ok: false}]}
                expect: {fail: [a]}

        """)
        let out = try CLIRunner.run(["test", try Self.pack(rules).path])
        #expect(out.status == 1)
        #expect(out.stdout.contains("FAIL  R-1 wrong expectation"))
        #expect(out.stdout.contains("expected pass [] fail [\"a\"], got pass [\"a\"] fail [\"b\"]"))
        #expect(out.stdout.hasSuffix("0 passed, 1 failed\n"))
    }
}
