import ClauseDocument
import ClauseRules
import ClauseValue
import Foundation

/// Where a check's evaluation time goes: each rule of the pack evaluated alone on one snapshot
/// (in this process, document loaded once), slowest first, with its outcome counts and the
/// first error message of rules that errored.
struct RuleProfile {
    let file: String
    let pack: String
    var top = 15

    func run() throws {
        let pack = try PackLoader.load(path: pack)
        guard let document = try DocumentLoader.load(path: file).first else { throw BenchError("no document in \(file)") }
        let now = try EvaluationTime.of(document, fixed: nil).now
        let clock = ContinuousClock()
        // The snapshot's own checks (schema, evidence) run on every call: timed once with no
        // rule selected and taken off each rule's time, so that the table shows the rule alone.
        let checksStart = clock.now
        _ = Engine(pack: pack, selection: RuleSelection(rules: ["-"])).evaluate(document, now: now, asOfSource: "snapshot", sha256: "")
        let checks = seconds(clock.now - checksStart)
        var rows: [(rule: String, seconds: Double, summary: RuleSummary, error: String?)] = []
        for rule in pack.rules {
            let engine = Engine(pack: pack, selection: RuleSelection(rules: [rule.id]))
            let start = clock.now
            let result = engine.evaluate(document, now: now, asOfSource: "snapshot", sha256: "")
            let elapsed = max(0, seconds(clock.now - start) - checks)
            let summary = result.rules.first { $0.rule == rule.id } ?? RuleSummary(rule: rule.id, clauses: rule.clauses, severity: rule.severity, stage: rule.stage)
            rows.append((rule.id, elapsed, summary, result.findings.first { $0.rule == rule.id && $0.outcome == .error }?.message))
        }
        let total = rows.reduce(0) { $0 + $1.seconds }
        print("Rule profile: \(pack.id) (\(pack.rules.count) rules) on \((file as NSString).lastPathComponent), each rule alone, one thread")
        print("  snapshot's own checks \(String(format: "%.3f", checks)) s (taken off each rule); sum of rule times \(String(format: "%.3f", total)) s; slowest \(top):")
        print("  " + pad("rule", 10) + pad("seconds", 9) + pad("share", 7) + pad("pass", 8) + pad("fail", 8) + pad("n/a", 6) + pad("error", 8) + "first error")
        for row in rows.sorted(by: { $0.seconds > $1.seconds }).prefix(top) {
            let s = row.summary
            print("  " + pad(row.rule, 10) + pad(String(format: "%.3f", row.seconds), 9) + pad(String(format: "%.0f%%", row.seconds / total * 100), 7)
                  + pad("\(s.pass)", 8) + pad("\(s.fail)", 8) + pad("\(s.notApplicable)", 6) + pad("\(s.error)", 8) + (row.error.map { String($0.prefix(70)) } ?? ""))
        }
        let erroring = rows.filter { $0.summary.error > 0 }
        print("  rules with errors: \(erroring.count) (\(erroring.reduce(0) { $0 + $1.summary.error }) element errors): "
              + erroring.map(\.rule).joined(separator: ", "))
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private func pad(_ s: String, _ width: Int) -> String { s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count) }
}
