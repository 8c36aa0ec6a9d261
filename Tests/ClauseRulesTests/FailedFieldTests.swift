import ClauseDocument
import ClauseRules
import ClauseValue
import Foundation
import Testing

/// A rule error names the field of the snapshot that held the failing value, with the value as
/// written, at that field's line: not a value the organisation never wrote, and not the first
/// line of the element.
@Suite struct FailedFieldTests {
    static let pack = """
    pack: p
    title: P
    version: 1.0.0
    clauses: [{number: '8.3', title: SLM}, {number: '4.1', title: Context}]
    rules:
      - {id: SVC-1, clause: '8.3', title: t, severity: major, stage: operation, each: services, as: svc, key: svc.id,
         assert: "now - date(svc.sla.reviewed_on) <= days(365)", message: m, tests: []}
      - {id: CTX-1, clause: '4.1', title: t, severity: major, stage: documentation,
         assert: "date(organization.context.reviewed_on) <= now", message: m, tests: []}
      - {id: LEN-1, clause: '8.3', title: t, severity: major, stage: operation, each: services, key: it.id,
         assert: "it.name.startsWith('x') || it.tags.all(t, int(t) > 0)", message: m, tests: []}

    """

    static func findings(_ snapshot: String) throws -> [Finding] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("clause-failed-field-\(UUID().uuidString).yaml")
        try pack.write(to: file, atomically: true, encoding: .utf8)
        let engine = Engine(pack: try PackLoader.load(path: file.path))
        var options = LoadOptions()
        options.format = .yaml
        let document = try DocumentLoader.load(bytes: Array(snapshot.utf8), name: "s.yaml", options: options)[0]
        let now = try #require(Timestamp(date: "2026-06-30"))
        return engine.evaluate(document, now: now, asOfSource: "test", sha256: "").findings.filter { $0.outcome == .error }
    }

    @Test func theFieldAndTheValueAsWrittenAtTheFieldsLine() throws {
        let found = try Self.findings("""
        organization:
          context: {reviewed_on: 03/11/2025}
        services:
          - {id: S1, name: a, tags: ['1'], sla: {reviewed_on: 2026-05-14}}
          - {id: S2, name: b, tags: ['2', 'two'],
             sla: {reviewed_on: '14/05/2026'}}
          - {id: S3, name: c, tags: [], sla: {reviewed_on: 20260302}}

        """)
        let shown = found.map { "\($0.rule) \($0.key ?? "-") \($0.line ?? 0):\($0.column ?? 0) \($0.path ?? "-") | \($0.message)" }
        #expect(shown == [
            "SVC-1 S2 6:25 services[1].sla.reviewed_on | 'assert' failed: services[1].sla.reviewed_on: '14/05/2026' is not a date (YYYY-MM-DD) or an RFC 3339 time",
            "SVC-1 S3 7:52 services[2].sla.reviewed_on | 'assert' failed: services[2].sla.reviewed_on: 20260302: no such overload: date",
            "CTX-1 - 2:26 organization.context.reviewed_on | 'assert' failed: organization.context.reviewed_on: '03/11/2025' is not a date (YYYY-MM-DD) or an RFC 3339 time",
            // Through a comprehension variable the document cannot locate the value: the element and the message as before.
            "LEN-1 S2 5:5 services[1] | 'assert' failed: cannot convert 'two' to int",
        ])
    }
}
