import Foundation
import Testing

/// Values from a snapshot never reach a terminal or CI log raw: an escape sequence could
/// recolour or hide lines, and a line break could start a `::add-mask::` line that GitHub
/// Actions executes.
@Suite struct TerminalEscapingTests {
    @Test func snapshotValuesAreEscapedInTheTextReport() throws {
        // The id is a priority the schema does not allow, so the schema's message quotes it.
        let dir = try PackEvidenceTests.pack()
        let snapshot = try PackEvidenceTests.snapshot(
            "as_of: 2026-06-30\nincidents:\n  - {id: a, priority: \"P1\\n::add-mask::hunter2\\u001B[2J\", opened: 2026-05-01}\n", in: dir)
        let run = try CLIRunner.run(["check", snapshot, "--pack", dir.path])
        #expect(run.status == 1)
        #expect(!run.stdout.contains("\u{1B}"), "\(run.stdout)")
        #expect(!run.stdout.split(separator: "\n").contains { $0.hasPrefix("::") }, "\(run.stdout)")
        #expect(run.stdout.contains("P1\\u{a}::add-mask::hunter2\\u{1b}[2J"), "\(run.stdout)")
    }
}
