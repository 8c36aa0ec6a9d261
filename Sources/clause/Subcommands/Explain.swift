import ArgumentParser
import ClauseRules
import ClauseValue

/// Shows what a rule checks and, given a snapshot, how it judged each element.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Explain a rule, and its verdict on each element of a snapshot.")

    @Argument(help: "The rule id.")
    var rule: String

    @Argument(help: "A snapshot to judge with the rule.")
    var snapshot: String?

    @Option(help: "Only the element with this key.")
    var key: String?

    @OptionGroup var packs: PackOptions

    @OptionGroup var asOf: AsOfOption

    func run() throws {
        let pack = try packs.load()
        guard let rule = pack.rules.first(where: { $0.id == rule }) else {
            let hint = pack.rules.map(\.id).filter { $0.hasPrefix(String(self.rule.prefix(3))) }.prefix(8).joined(separator: ", ")
            throw Failure.badInput("no rule '\(self.rule)' in pack \(pack.id)" + (hint.isEmpty ? "" : "; rules like it: \(hint)"))
        }
        var out = "\(rule.id): \(rule.title)\n"
        out += "  defined at  \(rule.location)\n"
        out += "  clauses     " + rule.clauses.map { "\($0) \(pack.clause($0)?.title ?? "")" }.joined(separator: "; ") + "\n"
        out += "  severity    \(rule.severity.rawValue), stage \(rule.stage.rawValue)\n"
        if let each = rule.each { out += "  each        \(each.source)\n  as          \(rule.elementName)\n" }
        if let key = rule.key { out += "  key         \(key.source)\n" }
        if let when = rule.when { out += "  when        \(when.source)\n" }
        out += "  assert      \(rule.assert.source)\n"
        if !rule.remediation.isEmpty { out += "  remediation \(rule.remediation)\n" }
        out += "  tests       \(rule.tests.count)\n"
        if let snapshot {
            let loaded = try SnapshotEvaluation.load(snapshot, pack: packs.paths)
            let engine = Engine(pack: pack, selection: RuleSelection(rules: [rule.id]))
            let fixed = asOf.timestamp
            for document in loaded.documents {
                let (now, source) = try CommandSupport.evaluationTime(fixed, document: document)
                out += "\n\(snapshot) as of \(now.rfc3339) (from \(source)):\n"
                let verdicts = engine.verdicts(of: rule, on: document, now: now).filter { key == nil || $0.key == key }
                if verdicts.isEmpty { out += "  no element with key '\(key ?? "")'\n" }
                for verdict in verdicts {
                    let label = verdict.outcome.rawValue.replacingOccurrences(of: "_", with: " ")
                    out += "  \(label.padding(toLength: 15, withPad: " ", startingAt: 0))\(verdict.key ?? "(the snapshot)")"
                    out += verdict.message.isEmpty ? "\n" : ": \(verdict.message)\n"
                }
            }
        }
        var stdout = StandardOutput()
        stdout.write(out)
    }
}
