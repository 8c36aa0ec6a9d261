import Foundation
import Testing

/// How a pack names what it reads: sections as variables, its schema and evidence, and the
/// files it may open. Small packs written per test, run through the real binary.
@Suite struct PackEvidenceTests {
    static let catalogue = "- {number: '7.5.3', title: Control, parent: null}\n- {number: '8.6.1', title: Incidents, parent: null}\n"
    static let schema = """
    {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "additionalProperties": false,
     "properties": {"as_of": {"type": "string", "format": "date"},
       "incidents": {"type": "array", "items": {"type": "object", "additionalProperties": false, "required": ["id"],
         "properties": {"id": {"type": "string"}, "priority": {"enum": ["P1", "P2"]}, "opened": {"type": "string", "format": "past-date"}}}}}}
    """
    static let rule = """
    rules:
      - id: INC-1
        clause: '8.6.1'
        title: every incident has a priority
        severity: major
        stage: operation
        each: incidents
        as: inc
        key: inc.id
        assert: has(inc.priority)
        message: "incident {inc.id} has no priority"
        remediation: set it
        tests:
          - name: one with, one without
            snapshot: {incidents: [{id: a, priority: P1}, {id: b}]}
            expect: {pass: [a], fail: [b]}
          - name: "evasion: a priority outside the set"
            snapshot: {incidents: [{id: a, priority: P9}]}
            expect: {pass: [a], invalid: ['incidents[0].priority']}
          - name: "evasion: no incident records"
            snapshot: {incidents: []}
            expect: no_evidence

    """

    static func pack(header extra: String = "", rules: String = rule, withSchema: Bool = true) throws -> URL {
        let dir = try CLIRunner.temporaryDirectory()
        var header = "pack: t\ntitle: T\nversion: 1.0.0\nclauses: clauses.yaml\n"
        if withSchema { header += "schema: {file: snapshot.schema.json, clause: '7.5.3'}\nevidence:\n  - {section: incidents, clause: ['8.6.1'], dated: opened}\n" }
        try Data((header + extra).utf8).write(to: dir.appendingPathComponent("pack.yaml"))
        try Data(catalogue.utf8).write(to: dir.appendingPathComponent("clauses.yaml"))
        try Data(schema.utf8).write(to: dir.appendingPathComponent("snapshot.schema.json"))
        try Data(rules.utf8).write(to: dir.appendingPathComponent("rules.yaml"))
        return dir
    }

    /// A snapshot file beside the pack, never inside it (every YAML file there is a rule file).
    static func snapshot(_ text: String, in pack: URL) throws -> String {
        let dir = pack.appendingPathExtension("inputs")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("snapshot.yaml")
        try Data(text.utf8).write(to: file)
        return file.path
    }

    @Test func sectionsAreVariablesAndTestSnapshotsAreHeldToTheSchema() throws {
        let dir = try Self.pack()
        let out = try CLIRunner.run(["test", dir.path])
        #expect(out.status == 0, "\(out.stdout)")
        #expect(!out.stdout.contains("FAIL"), "\(out.stdout)")
        #expect(out.stdout.contains("2 evasion tests over 1 rules\n3 passed, 0 failed\n"), "\(out.stdout)")
        // The same test without its `invalid` list fails: the example relied on a value no snapshot may hold.
        let loose = try Self.pack(rules: Self.rule.replacingOccurrences(of: "expect: {pass: [a], invalid: ['incidents[0].priority']}", with: "expect: {pass: [a]}"))
        let failed = try CLIRunner.run(["test", loose.path])
        #expect(failed.status == 1)
        #expect(failed.stdout.contains("incidents[0].priority: 'P9' is not one of"), "\(failed.stdout)")
    }

    @Test func aMisspeltSectionInARuleIsALocatedErrorWithASchema() throws {
        let dir = try Self.pack(rules: Self.rule.replacingOccurrences(of: "each: incidents", with: "each: incidnets"))
        let out = try CLIRunner.run(["lint", dir.path])
        #expect(out.status == 2)
        #expect(out.stderr.contains("rules.yaml:7:11: error: undeclared reference to 'incidnets'"), "\(out.stderr)")
    }

    @Test func withoutASchemaTopLevelKeysStillWorkAsVariables() throws {
        let dir = try Self.pack(rules: Self.rule.replacingOccurrences(of: """
              - name: "evasion: a priority outside the set"
                snapshot: {incidents: [{id: a, priority: P9}]}
                expect: {pass: [a], invalid: ['incidents[0].priority']}

        """, with: ""), withSchema: false)
        let out = try CLIRunner.run(["test", dir.path])
        #expect(out.status == 0, "\(out.stdout)")
        let check = try CLIRunner.run(["check", try Self.snapshot("as_of: 2026-06-30\nincidents: [{id: a}]\n", in: dir), "--pack", dir.path])
        #expect(check.status == 1)
        #expect(check.stdout.contains("incident a has no priority"), "\(check.stdout)")
    }

    @Test func aSectionWithoutRecordsInTheAuditPeriodIsNoEvidence() throws {
        let dir = try Self.pack()
        let old = try CLIRunner.run(["check", try Self.snapshot("as_of: 2026-06-30\nincidents: [{id: a, priority: P1, opened: 2024-01-01}]\n", in: dir), "--pack", dir.path])
        #expect(old.status == 1)
        #expect(old.stdout.contains("no evidence EVIDENCE no evidence: no 'incidents' record has a 'opened' inside the audit period 2025-06-30..2026-06-30"), "\(old.stdout)")
        let recent = try CLIRunner.run(["check", try Self.snapshot("as_of: 2026-06-30\nincidents: [{id: a, priority: P1, opened: 2026-05-01}]\n", in: dir), "--pack", dir.path])
        #expect(recent.status == 0, "\(recent.stdout)")
        let future = try CLIRunner.run(["check", try Self.snapshot("as_of: 2026-06-30\nincidents: [{id: a, priority: P1, opened: 2026-07-01}]\n", in: dir), "--pack", dir.path])
        #expect(future.status == 1)
        #expect(future.stdout.contains("incidents[0].opened: '2026-07-01' is after the evaluation date"), "\(future.stdout)")
        // The evaluation day itself is not the future.
        let today = try CLIRunner.run(["check", try Self.snapshot("as_of: 2026-06-30\nincidents: [{id: a, priority: P1, opened: 2026-06-30}]\n", in: dir), "--pack", dir.path])
        #expect(today.status == 0, "\(today.stdout)")
    }

    @Test func missingEvidenceCanBeWaivedVisiblyButNotErrors() throws {
        let dir = try Self.pack()
        let snapshot = try Self.snapshot("as_of: 2026-06-30\nincidents: []\n", in: dir)
        let waivers = dir.appendingPathExtension("inputs").appendingPathComponent("waivers.yaml")
        try Data("waivers:\n  - {rule: EVIDENCE, key: incidents, reason: New service desk goes live in July, approved_by: Head of SM, expires: 2026-08-01}\n".utf8).write(to: waivers)
        let out = try CLIRunner.run(["check", snapshot, "--pack", dir.path, "--waivers", waivers.path])
        #expect(out.status == 0, "\(out.stdout)\(out.stderr)")
        #expect(out.stdout.contains("waived EVIDENCE"), "\(out.stdout)")
    }

    @Test func aLetMayNotHideASectionOrABuiltIn() throws {
        for name in ["incidents", "now", "audit_period"] {
            let dir = try Self.pack(header: "let:\n  \(name): days(1)\n")
            let out = try CLIRunner.run(["lint", dir.path])
            #expect(out.status == 2)
            #expect(out.stderr.contains("error: 'let' name '\(name)' is already"), "\(out.stderr)")
        }
    }

    @Test func aBrokenSchemaIsLocatedInTheSchemaFile() throws {
        let dir = try Self.pack()
        try Data("{\"type\": \"object\",\n \"requried\": []}\n".utf8).write(to: dir.appendingPathComponent("snapshot.schema.json"))
        let misspelt = try CLIRunner.run(["lint", dir.path])
        #expect(misspelt.status == 2)
        #expect(misspelt.stderr.contains("snapshot.schema.json:2:2: error:"), "\(misspelt.stderr)")
        try Data("{\"type\": \"object\",\n \"properties\": {\n".utf8).write(to: dir.appendingPathComponent("snapshot.schema.json"))
        let truncated = try CLIRunner.run(["lint", dir.path])
        #expect(truncated.status == 2)
        #expect(truncated.stderr.contains("snapshot.schema.json:3:"), "\(truncated.stderr)")
    }

    @Test(arguments: ["../outside.json", "/etc/passwd", "sub"])
    func aSchemaOutsideThePackIsRefusedUnread(_ name: String) throws {
        let dir = try Self.pack()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        var text = try String(contentsOf: dir.appendingPathComponent("pack.yaml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "file: snapshot.schema.json", with: "file: '\(name)'")
        try Data(text.utf8).write(to: dir.appendingPathComponent("pack.yaml"))
        let out = try CLIRunner.run(["lint", dir.path])
        #expect(out.status == 2)
        #expect(out.stderr.contains("schema file '\(name)'"), "\(out.stderr)")
        #expect(!out.stderr.contains("root:"), "a refused file must not be quoted")
    }
}

/// A rule test's date must be a date: one that is not would silently run at the default day.
@Suite struct RuleTestDateTests {
    static let original = "snapshot: {incidents: [{id: a, priority: P1}, {id: b}]}"

    @Test(arguments: [
        "as_of: 30/06/2026\n        snapshot: {incidents: [{id: a, priority: P1}, {id: b}]}",
        "snapshot: {as_of: yesterday, incidents: [{id: a, priority: P1}, {id: b}]}",
    ])
    func anUnreadableTestDateIsALocatedError(_ replacement: String) throws {
        let broken = PackEvidenceTests.rule.replacingOccurrences(of: Self.original, with: replacement)
        #expect(broken != PackEvidenceTests.rule)
        let dir = try PackEvidenceTests.pack(rules: broken)
        let out = try CLIRunner.run(["test", dir.path])
        #expect(out.status == 2, "\(out.stdout)\(out.stderr)")
        #expect(out.stderr.contains("rules.yaml:") && out.stderr.contains("must be a date (YYYY-MM-DD) or an RFC 3339 time"), "\(out.stderr)")
    }
}
