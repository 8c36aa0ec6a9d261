import ArgumentParser

/// The `clause` command: ISO/IEC 20000-1:2018 compliance checks as code.
@main
struct Clause: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clause",
        abstract: "Evaluate ISO/IEC 20000-1:2018 service-management compliance as code.",
        discussion: "Exit codes: 0 the gate passed, 1 the gate failed, 2 bad usage or bad input.",
        version: ClauseVersion.string,
        subcommands: [Check.self, Snapshot.self, Diff.self, Test.self, Lint.self, Explain.self, Clauses.self, Eval.self, Dump.self]
    )
}

/// The tool's version, printed by `--version` and written into every result.
enum ClauseVersion {
    static let string = "0.1.0"
}
