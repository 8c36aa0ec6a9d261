import ClauseDiagnostics

/// Checks of a pack that loads but would mislead an auditor: rules without examples, rules
/// without a remediation, subclauses no rule covers.
public enum PackLint {
    public static func warnings(for pack: Pack) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for rule in pack.rules {
            let passes = rule.tests.contains { test in
                switch test.expectation {
                case .outcome(let o): o == .pass
                case .keys(let pass, _, _): !pass.isEmpty
                }
            }
            let fails = rule.tests.contains { test in
                switch test.expectation {
                case .outcome(let o): o == .fail
                case .keys(_, let fail, _): !fail.isEmpty
                }
            }
            if !passes || !fails {
                out.append(Diagnostic(.warning, at: rule.location, "rule '\(rule.id)' needs tests showing both a pass and a fail (has \(rule.tests.count) test(s))"))
            }
            if rule.remediation.allSatisfy(\.isWhitespace) {
                out.append(Diagnostic(.warning, at: rule.location, "rule '\(rule.id)' has no remediation"))
            }
        }
        let covered = Set(pack.rules.flatMap(\.clauses))
        for entry in pack.catalogue where entry.parent != nil && !covered.contains(entry.number) {
            out.append(Diagnostic(.warning, at: SourceLocation(file: pack.path, mark: .none), "clause \(entry.number) (\(entry.title)) has no rule"))
        }
        return out
    }
}
