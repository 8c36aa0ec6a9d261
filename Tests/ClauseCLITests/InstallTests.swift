import Foundation
import Testing

/// `scripts/install`: the layout an installed `clause` needs, and the binary finding its shipped
/// pack from its prefix when run from anywhere. (The test installs the binary the tests run;
/// the release build with a static standard library is what `scripts/install` builds without
/// `--binary`, recorded in docs/install.md.)
@Suite struct InstallTests {
    /// A command other than the tests' `clause`, run as `CLIRunner` runs it; `CLAUSE_PACK` is
    /// cleared, so that a binary finds its pack as an installed one would.
    static func shell(_ command: String, _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> CLIRunner.Output {
        try CLIRunner.run(arguments, environment: ["CLAUSE_PACK": ""].merging(environment) { $1 }, in: directory,
                          executable: URL(fileURLWithPath: command, relativeTo: CLIRunner.packageRoot))
    }

    @Test func anInstalledClauseFindsItsPackFromAnyDirectory() throws {
        let prefix = try CLIRunner.temporaryDirectory().appendingPathComponent("prefix")
        let install = try Self.shell("/bin/bash", ["scripts/install", "--prefix", prefix.path, "--binary", CLIRunner.binary.path])
        #expect(install.status == 0, "\(install.stdout)\(install.stderr)")
        let clause = prefix.appendingPathComponent("bin/clause").path
        for file in ["share/clause/rules/iso20000-1/pack.yaml", "share/clause/rules/examples/acme-extra/tailoring.yaml",
                     "share/clause/schemas/tailoring.schema.json", "share/bash-completion/completions/clause",
                     "share/zsh/site-functions/_clause", "share/fish/vendor_completions.d/clause.fish"] {
            let size = (try? FileManager.default.attributesOfItem(atPath: prefix.appendingPathComponent(file).path)[.size] as? Int) ?? 0
            #expect(size > 0, "\(file)")
        }
        #expect(try String(contentsOf: prefix.appendingPathComponent("share/bash-completion/completions/clause"), encoding: .utf8).contains("--tailoring"))

        // From a directory with no pack in sight, the installed pack is the default.
        let elsewhere = try CLIRunner.temporaryDirectory()
        let version = try Self.shell(clause, ["--version"], in: elsewhere)
        #expect(version.status == 0)
        let packPath = prefix.appendingPathComponent("share/clause/rules/iso20000-1").resolvingSymlinksInPath().path
        #expect(version.stdout.contains("clause 0.1.0\npack iso20000-1 "), "\(version.stdout)")
        #expect(version.stdout.contains("(\(packPath))") || version.stdout.contains("(\(prefix.path)/share/clause/rules/iso20000-1)"), "\(version.stdout)")
        let sample = CLIRunner.packageRoot.appendingPathComponent("samples/acme-2026-q2.yaml").path
        let check = try Self.shell(clause, ["check", sample, "--format", "json"], in: elsewhere)
        #expect(check.status == 1, "\(check.stderr)")
        #expect(check.stdout.contains("\"id\" : \"iso20000-1\""), "\(check.stdout.prefix(400))")
    }
}
