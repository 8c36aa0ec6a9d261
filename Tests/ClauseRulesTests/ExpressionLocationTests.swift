import ClauseDiagnostics
import ClauseRules
import Foundation
import Testing

/// An error in a rule's expression points at the character, however the scalar holding it is
/// written: quoted, block, or after an anchor or a tag (which used to shift the column onto the
/// anchor or tag, as the style was guessed from the scalar's first character).
@Suite struct ExpressionLocationTests {
    @Test(arguments: [
        ("assert: 'size(items) > > 1'", "7:28"),
        ("assert: &check 'size(items) > > 1'", "7:35"),
        ("assert: !!str \"size(items) > > 1\"", "7:34"),
        ("assert: &a !!str size(items) > > 1", "7:36"),
        ("assert: !!str |\n      size(items) >\n        > 3", "9:13"),
        ("assert: &b >-\n      size(items) > > 3", "8:25"),
    ])
    func anErrorPointsAtTheCharacter(assert: String, expected: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clause-loc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("p.yaml")
        try """
        pack: p
        title: P
        version: 1.0.0
        clauses: [{number: '8.1', title: Plan, parent: null}]
        rules:
          - id: A-1
            \(assert.replacingOccurrences(of: "\n", with: "\n    "))
            clause: '8.1'
            title: t
            severity: minor
            stage: operation
            message: m
            remediation: r

        """.write(to: file, atomically: true, encoding: .utf8)
        do {
            _ = try PackLoader.load(path: file.path)
            Issue.record("expected a located error")
        } catch {
            #expect(error.diagnostics.map { "\($0.location.mark)" } == [expected], "\(error.rendered)")
        }
    }
}
