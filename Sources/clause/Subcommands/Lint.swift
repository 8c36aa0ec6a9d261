import ArgumentParser
import ClauseDiagnostics
import ClauseRules

/// Static checks of rule packs, every problem with file:line:col.
struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check rule packs without running them: errors (exit 2) and warnings (exit 1 with --strict)."
    )

    @Argument(help: "Rule pack folders or files (default: the shipped pack).")
    var packs: [String] = []

    @Flag(help: "Exit 1 when there are warnings.")
    var strict = false

    func run() throws {
        var warnings = 0
        var out = ""
        for path in packs.isEmpty ? [[]] : packs.map({ [$0] }) {
            let pack = try CommandSupport.loadPack(path)
            let found = PackLint.warnings(for: pack)
            warnings += found.count
            for diagnostic in found { out += diagnostic.description + "\n" }
            out += "\(pack.path): \(pack.rules.count) rules, \(pack.catalogue.count) clauses, \(found.count) warning(s)\n"
        }
        var stdout = StandardOutput()
        stdout.write(out)
        if strict && warnings > 0 { throw ExitCode(1) }
    }
}
