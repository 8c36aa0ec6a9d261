import Testing

/// A selection that selects nothing must never pass the gate having checked nothing.
@Suite struct SelectionTests {
    @Test(arguments: [
        (["--clause", "8.99"], "no clause '8.99' in pack iso20000-1's catalogue"),
        (["--rule", "inc-001"], "no rule 'inc-001' in pack iso20000-1; did you mean 'INC-001'?"),
        (["--rule", "INC-001", "--stage", "documentation"], "--rule INC-001 --stage documentation selects no rule of pack iso20000-1"),
    ])
    func emptySelectionsAreBadInput(_ c: ([String], String)) throws {
        let run = try CLIRunner.run(["check", "samples/compliant/snapshot.yaml"] + c.0)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains(c.1), "\(run.stderr)")
    }

    @Test func aRealSelectionStillRuns() throws {
        let run = try CLIRunner.run(["check", "samples/compliant/snapshot.yaml", "--clause", "8.6", "--stage", "operation"])
        #expect(run.status == 0, "\(run.stderr)")
    }
}
