// Clause embedded in a Swift program: the rules engine and reports (ClauseKit), and the
// expression language on its own (ClauseCEL). docs/embedding.md walks through it; a test runs
// it from the repository's root and checks what it prints.
import ClauseDiagnostics
import ClauseDocument
import ClauseExpression
import ClauseReport
import ClauseRules
import ClauseValue
import Foundation

do {
    try check()
    try expressions()
} catch {
    // Pack, snapshot and expression errors carry their file, line and column.
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(2)
}

func check() throws {
    // 1. Load a pack and a snapshot: every problem of either is reported at once, located.
    let pack = try PackLoader.load(path: "rules/iso20000-1")
    let snapshot = try DocumentLoader.load(path: "samples/acme-2026-q2.yaml")[0]


    // 2. Judge it as `clause check` does (at its own `as_of`, the snapshot's own checks first),
    //    here only the rules of clause 8.6 and its subclauses.
    let engine = Engine(pack: pack, selection: RuleSelection(clausePrefixes: ["8.6"]))
    let result = try engine.check(snapshot)
    for finding in result.findings.prefix(3) {
        print("\(finding.rule) \(finding.location): \(finding.message)")
    }

    // 3. Decide the gate and render a report, here the Markdown one.
    let report = CheckReport(toolVersion: "embedded", pack: pack, rules: engine.rules, snapshots: [result], failOn: .minor)
    print("gate \(report.gate): \(result.findings.count) findings")
    print(MarkdownReporter.render(report).split(separator: "\n")[0])
}

func expressions() throws {
    // 4. CEL alone: compile once (undeclared names and type errors are found here), then
    //    evaluate as often as needed, from any thread.
    let program = try Program.compile("incidents.filter(i, i.priority == 'P1').size() > limit",
                                      environment: Environment(variables: ["incidents", "limit"]))
    let incidents: Value = .list(ValueList([
        .map(ValueMap(keys: [.string("priority")], values: [.string("P1")])),
        .map(ValueMap(keys: [.string("priority")], values: [.string("P3")])),
    ]))
    print("too many P1s: \(try program.evaluate(Activation(["incidents": incidents, "limit": .int(0)])))")
    do {
        _ = try Program.compile("size(incidents) > 'two'", environment: Environment(variables: ["incidents"]))
    } catch {
        print("compile error: \(error.diagnostics.map(\.message).joined(separator: "; "))")
    }
}
