import ArgumentParser
import ClauseRules

/// Runs the packs' own rule tests.
struct Test: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the tests written under each rule of the packs; prints \"N passed, N failed\".")

    @Argument(help: "Rule pack folders or files (default: the shipped pack).")
    var packs: [String] = []

    @Flag(name: .shortAndLong, help: "List every test, not only the failing ones.")
    var verbose = false

    @Option(help: "Tailoring file: its parameter values apply, its deselected rules are not tested, and its own rule files' tests run.")
    var tailoring: String?

    func run() throws {
        let paths: [[String]] = packs.isEmpty ? [[]] : packs.map { [$0] }
        var passed = 0
        var failed = 0
        var evasions = 0
        var rules = 0
        var out = ""
        for path in paths {
            var pack = try CommandSupport.loadPack(path)
            if let tailoring {
                do {
                    // Exclusions concern a check's verdict, not whether the remaining rules' examples hold.
                    (pack, _) = try TailoringLoader.apply(path: tailoring, to: pack, allowExclusions: true)
                } catch {
                    throw Failure.badInput(error)
                }
            }
            // A pack's tests, not those of the packs it requires (they are tested on their own).
            let required = Set(pack.components.map(\.id)).subtracting([pack.id])
            pack.rules.removeAll { required.contains($0.pack) }
            rules += pack.rules.count
            evasions += pack.rules.reduce(0) { $0 + $1.tests.filter { $0.name.hasPrefix("evasion") }.count }
            for result in PackTester(pack: pack).run() {
                if result.passed {
                    passed += 1
                    if verbose { out += "ok    \(result.rule) \(result.test)\n" }
                } else {
                    failed += 1
                    out += "FAIL  \(result.rule) \(result.test) (\(result.location))\n      \(result.detail)\n"
                }
            }
        }
        // How many tests show a way a rule could be fooled (named `evasion: ...`).
        out += "\(evasions) evasion tests over \(rules) rules\n"
        out += "\(passed) passed, \(failed) failed\n"
        var stdout = StandardOutput()
        stdout.write(out)
        if failed > 0 { throw ExitCode(1) }
    }
}
