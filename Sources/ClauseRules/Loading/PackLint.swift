import ClauseDiagnostics

/// Checks of a pack that loads but would mislead an auditor: rules without examples, rules
/// without a remediation, subclauses no rule covers.
public enum PackLint {
    /// What `clause lint` reports for `pack`: warnings only, which fail the run just under `--strict`.
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
            if !passes || !fails || rule.tests.count < 2 {
                out.append(Diagnostic(.warning, at: rule.location, "rule '\(rule.id)' needs at least two tests, showing both a pass and a fail (has \(rule.tests.count) test(s))"))
            }
            if rule.remediation.allSatisfy(\.isWhitespace) {
                out.append(Diagnostic(.warning, at: rule.location, "rule '\(rule.id)' has no remediation"))
            }
            if pack.schema != nil && !rule.tests.contains(where: { $0.name.hasPrefix("evasion") }) {
                out.append(Diagnostic(.warning, at: rule.location, "rule '\(rule.id)' has no test of how it could be fooled (a test named 'evasion: ...')"))
            }
        }
        if pack.schema != nil { out += evidenceWarnings(for: pack) }
        let covered = Set(pack.rules.flatMap(\.clauses))
        for entry in pack.catalogue where entry.parent != nil && !covered.contains(entry.number) {
            out.append(Diagnostic(.warning, at: SourceLocation(file: pack.path, mark: .none), "clause \(entry.number) (\(entry.title)) has no rule"))
        }
        return out
    }

    /// With a snapshot schema, the engine knows which sections a rule reads, and so which
    /// absences to report. Two things defeat that: a rule that reads `snapshot` itself (its
    /// sections are then invisible), and a section no evidence declaration names (its absence
    /// would be counted on the rule but cited against no clause's evidence).
    static func evidenceWarnings(for pack: Pack) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let engine = Engine(pack: pack)
        let declared = Set(pack.evidence.map(\.section))
        for (i, rule) in engine.rules.enumerated() {
            let programs = [rule.each, rule.key, rule.when, rule.assert].compactMap { $0 }
            if programs.contains(where: { $0.variables.contains("snapshot") }) {
                out.append(Diagnostic(.warning, at: rule.location, "rule '\(rule.id)' reads 'snapshot' directly; name the sections it reads so that their absence is reported"))
            }
            for section in engine.reads[i] where !declared.contains(section) {
                out.append(Diagnostic(.warning, at: rule.location, "rule '\(rule.id)' reads section '\(section)', which no 'evidence' entry of pack.yaml declares"))
            }
        }
        return out
    }
}
