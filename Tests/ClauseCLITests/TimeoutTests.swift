import Foundation
import Testing

/// The cost budget bounds one evaluation; `--timeout` bounds the run: a pack whose every element
/// spends most of its budget stops at the limit with located errors, never runs on for an hour.
@Suite struct TimeoutTests {
    @Test func aRunPastItsTimeLimitStopsWithErrors() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let pack = dir.appendingPathComponent("pack")
        try FileManager.default.createDirectory(at: pack, withIntermediateDirectories: true)
        try "pack: slow\ntitle: Slow\nversion: 1.0.0\nclauses: clauses.yaml\n".write(to: pack.appendingPathComponent("pack.yaml"), atomically: true, encoding: .utf8)
        try "- {number: '8.1', title: Plan, parent: null}\n".write(to: pack.appendingPathComponent("clauses.yaml"), atomically: true, encoding: .utf8)
        try """
        rules:
          - id: SLOW-1
            clause: '8.1'
            title: every element, against every pair of numbers
            severity: minor
            stage: operation
            each: items
            as: item
            key: item
            assert: numbers.all(x, numbers.all(y, x + y + item >= 0))
            message: slow
            remediation: none

        """.write(to: pack.appendingPathComponent("rules.yaml"), atomically: true, encoding: .utf8)
        let numbers = (0..<1500).map(String.init).joined(separator: ", ")
        let items = (0..<400).map(String.init).joined(separator: ", ")
        let snapshot = dir.appendingPathComponent("snapshot.yaml")
        try "numbers: [\(numbers)]\nitems: [\(items)]\n".write(to: snapshot, atomically: true, encoding: .utf8)

        let start = Date()
        let run = try CLIRunner.run(["check", snapshot.path, "--pack", pack.path, "--timeout", "1"])
        let took = Date().timeIntervalSince(start)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.contains("error SLOW-1 the run's time limit was reached (--timeout)"), "\(run.stdout)")
        // 400 elements of about 2.2 million steps each would take far longer than this.
        #expect(took < 20, "took \(took) s")
    }
}
