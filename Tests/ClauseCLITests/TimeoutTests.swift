import Foundation
import Testing

/// The cost budget bounds one evaluation; `--timeout` bounds the run: a pack whose every element
/// spends most of its budget stops at the limit with located errors, never runs on for an hour.
@Suite struct TimeoutTests {
    static let fastRule = """
      - id: FAST-1
        clause: '8.1'
        title: every item is below 100
        severity: minor
        stage: operation
        each: items
        as: item
        key: string(item)
        assert: item < 100
        message: too big
        remediation: none

    """

    /// A slow rule stops at its own limit while the other rules are still judged: one error for
    /// the rule, however many parts its elements were judged in (a large snapshot is shared out
    /// in parts of 256 elements over both cores).
    @Test(arguments: [400, 3000])
    func aSlowRuleStopsAtItsOwnLimit(items count: Int) throws {
        let dir = try CLIRunner.temporaryDirectory()
        let pack = try Self.slowPack(in: dir, extraRules: Self.fastRule)
        let numbers = (0..<1500).map(String.init).joined(separator: ", ")
        let items = (0..<count).map(String.init).joined(separator: ", ")
        let snapshot = dir.appendingPathComponent("snapshot.yaml")
        // Padding takes the snapshot past 256 KiB, where the elements are judged in parts.
        let padding = count > 1000 ? "padding: '\(String(repeating: "x", count: 300_000))'\n" : ""
        try "numbers: [\(numbers)]\nitems: [\(items)]\n\(padding)".write(to: snapshot, atomically: true, encoding: .utf8)

        let start = Date()
        let run = try CLIRunner.run(["check", snapshot.path, "--pack", pack.path, "--rule-timeout", "0.5", "--max-findings", "0"])
        let took = Date().timeIntervalSince(start)
        #expect(run.status == 1, "\(run.stderr)")
        let stopped = run.stdout.components(separatedBy: "\n").filter { $0.contains("error SLOW-1 this rule's time limit (--rule-timeout 0.5 s) was reached before") }
        #expect(stopped.count == 1, "\(run.stdout.prefix(3000))")
        // Located at the section the rule judges.
        #expect(run.stdout.contains("were judged\n    at \(snapshot.path):2:1 (items)\n"), "\(run.stdout.prefix(3000))")
        // The fast rule was still judged in full: every item from 100 up fails it.
        #expect(run.stdout.components(separatedBy: "\n").filter { $0.contains("minor FAST-1 too big") }.count == count - 100)
        #expect(!run.stdout.contains("--timeout)"))
        #expect(took < 20, "took \(took) s")
    }

    @Test func aRuleTimeoutMustBeANumberOfSeconds() throws {
        let run = try CLIRunner.run(["check", "x.yaml", "--rule-timeout=-1"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--rule-timeout must be a number of seconds, 0 for none"), "\(run.stderr)")
    }

    static func slowPack(in dir: URL, extraRules: String = "") throws -> URL {
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
        \(extraRules)
        """.write(to: pack.appendingPathComponent("rules.yaml"), atomically: true, encoding: .utf8)
        return pack
    }

    @Test func aRunPastItsTimeLimitStopsWithErrors() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let pack = try Self.slowPack(in: dir)
        let numbers = (0..<1500).map(String.init).joined(separator: ", ")
        let items = (0..<400).map(String.init).joined(separator: ", ")
        let snapshot = dir.appendingPathComponent("snapshot.yaml")
        try "numbers: [\(numbers)]\nitems: [\(items)]\n".write(to: snapshot, atomically: true, encoding: .utf8)

        let start = Date()
        let run = try CLIRunner.run(["check", snapshot.path, "--pack", pack.path, "--timeout", "1"])
        let took = Date().timeIntervalSince(start)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.components(separatedBy: "\n").filter { $0.contains("error SLOW-1 the run's time limit was reached (--timeout)") }.count == 1, "\(run.stdout)")
        // 400 elements of about 2.2 million steps each would take far longer than this.
        #expect(took < 20, "took \(took) s")
    }
}
