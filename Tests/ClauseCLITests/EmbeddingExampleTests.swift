import Foundation
import Testing

/// docs/embedding.md's example is a target of the package built from the library products'
/// modules only (Package.swift); this runs it and checks that the page shows its code as it is.
@Suite struct EmbeddingExampleTests {
    static let source = CLIRunner.packageRoot.appendingPathComponent("Examples/Embedding/main.swift")

    @Test func theExampleRunsAndPrintsWhatThePageSays() throws {
        let example = CLIRunner.binary.deletingLastPathComponent().appendingPathComponent("clause-embedding-example")
        let run = try CLIRunner.run([], executable: example)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "SUP-009 samples/acme-2026-q2.yaml:421:5: Known error PRB-311 has no knowledge article")
        #expect(lines.contains("gate failed: 5 findings"))
        #expect(lines.contains("# ISO/IEC 20000-1:2018 service management system requirements: gate failed"))
        #expect(lines.contains("too many P1s: bool(true)"))
        #expect(lines.contains("compile error: no matching overload for '>' applied to (int, string)"))
        let page = try String(contentsOf: CLIRunner.packageRoot.appendingPathComponent("docs/embedding.md"), encoding: .utf8)
        for line in lines { #expect(page.contains(line), "docs/embedding.md does not show: \(line)") }
    }

    @Test func thePageShowsTheExampleAsItIs() throws {
        let page = try String(contentsOf: CLIRunner.packageRoot.appendingPathComponent("docs/embedding.md"), encoding: .utf8)
        let code = try String(contentsOf: Self.source, encoding: .utf8)
        #expect(page.contains("```swift\n" + code + "```\n"))
    }
}
