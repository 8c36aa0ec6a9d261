import ArgumentParser
import ClauseDiagnostics
import ClauseDocument
import Foundation

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

    /// Runs the command; bad usage exits 2 like bad input (not ArgumentParser's 64), and a
    /// failed write to standard output or error turns any result into exit 2.
    static func main() {
        var code: Int32 = 0
        if Array(CommandLine.arguments.dropFirst()) == ["--version"] {
            Console.write(ClauseVersion.report(), to: 1)
            Foundation.exit(Console.failure == nil ? 0 : 2)
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let exit = exitCode(for: error)
            let message = fullMessage(for: error)
            if exit == .success {
                if !message.isEmpty { Console.write(message + "\n", to: 1) }
            } else {
                if !message.isEmpty { StandardError.write(message + "\n") }
            }
            code = exit == .validationFailure ? 2 : exit.rawValue
        }
        if let failure = Console.failure {
            Console.failure = nil
            StandardError.write("error: \(failure)\n")
            code = 2
        }
        Foundation.exit(code)
    }
}

/// The tool's version, printed by `--version` and written into every result.
enum ClauseVersion {
    static let string = "0.1.0"

    /// `clause --version`: the tool's version, then the shipped pack it would use without
    /// `--pack` (its id, version and folder), or that none was found.
    static func report() -> String {
        let out = "clause \(string)\n"
        guard let path = PackLocator.defaultPack() else { return out + "pack: none found (give one with --pack)\n" }
        var options = LoadOptions()
        options.format = .yaml
        let header = (try? DocumentLoader.load(path: path + "/pack.yaml", options: options))?.first?.root
        let id = header?["pack"]?.stringValue ?? "?"
        let version = header?["version"]?.stringValue ?? "?"
        return out + "pack \(TerminalText.escaped(id, lines: false)) \(TerminalText.escaped(version, lines: false)) (\(TerminalText.escaped(path, lines: false)))\n"
    }
}
