import ClauseDiagnostics
import ClauseRules

/// `--format text`: findings grouped by clause, each with its evidence location, then a summary
/// per clause and per PDCA phase.
public enum TextReporter {
    /// Renders `report` for a terminal; `colour` adds ANSI colours, `listing` limits the findings shown.
    public static func render(_ report: CheckReport, colour: Bool = false, listing: Listing = Listing()) -> String {
        func paint(_ s: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
        // Everything that comes from a pack, a snapshot or a waiver is printed escaped.
        func t(_ s: String) -> String { TerminalText.escaped(s, lines: false) }
        var out = "\(t(report.pack.title)) (\(t(report.pack.id)) \(t(report.pack.version)))\n"
        // Composed packs: each named once here, and each finding names its own.
        if let packs = report.packs, packs.count > 1 {
            out += "Packs: " + packs.map { "\(t($0.id)) \(t($0.version))" }.joined(separator: ", ") + "\n"
        }
        if let tailoring = report.tailoring {
            let table = TailoringRows(tailoring: tailoring, report: report)
            out += "Tailored by \(t(tailoring.title)) (\(t(tailoring.file))): \(table.headline)\n"
            for row in table.rows {
                let kind = row.kind == "exclusion" ? paint("EXCLUSION", "1;31") : row.kind
                out += "  \(kind) \(t(row.subject)): \(t(row.change))" + (row.rationale.isEmpty ? "" : " (\(t(row.rationale)))") + "\n"
            }
        }
        for snapshot in report.snapshots {
            out += "\nSnapshot \(t(snapshot.file))" + (report.snapshots.count > 1 || snapshot.document > 0 ? " (document \(snapshot.document + 1))" : "")
            out += ", as of \(snapshot.asOf) (from \(snapshot.asOfSource))\n"
            if let keys = snapshot.keys {
                out += "Judged only the elements with key \(keys.map(t).joined(separator: ", ")) (--key)\n"
            }
            let byClause = Dictionary(grouping: snapshot.findings) { $0.clauses.first?.number ?? "" }
            var seen: [String: Int] = [:]
            var omitted: [(rule: String, count: Int)] = []
            for number in byClause.keys.sorted(by: ClauseEntry.numericOrder) {
                let all = byClause[number] ?? []
                let findings = all.filter { f in
                    seen[f.rule, default: 0] += 1
                    if listing.lists(seen[f.rule] ?? 0) { return true }
                    if let i = omitted.firstIndex(where: { $0.rule == f.rule }) { omitted[i].count += 1 } else { omitted.append((f.rule, 1)) }
                    return false
                }
                guard !findings.isEmpty else { continue }
                let title = findings.first?.clauses.first?.title ?? ""
                out += "\n" + paint("\(t(number)) \(t(title))", "1") + "\n"
                for f in findings {
                    let label = f.outcome == .error ? paint("error", "35")
                        : f.outcome == .waived ? paint("waived", "2")
                        : f.outcome == .noEvidence ? paint("no evidence", "31")
                        : paint(f.severity.rawValue, f.severity == .major ? "31" : f.severity == .minor ? "33" : "36")
                    let state = f.baseline == "unchanged" ? " (in baseline)" : ""
                    let owner = report.owner(of: f).map { " [\(t($0))]" } ?? ""
                    out += "  \(label) \(t(f.rule))\(owner) \(t(f.message))\(state)\n"
                    var whereLine = "    at \(t(f.location.description))"
                    if let path = f.path { whereLine += " (\(t(path)))" }
                    if f.clauses.count > 1 { whereLine += "; also " + f.clauses.dropFirst().map(\.number).joined(separator: ", ") }
                    out += whereLine + "\n"
                    if let w = f.waiver {
                        out += "    waived until \(t(w.expires)) by \(t(w.approvedBy)): \(t(w.reason))\n"
                    }
                }
            }
            if let line = Listing.omitted(omitted) { out += "\n" + t(line) + "\n" }
            let fails = snapshot.findings.filter { $0.outcome == .fail }
            let errors = snapshot.findings.filter { $0.outcome == .error }
            let waived = snapshot.findings.filter { $0.outcome == .waived }
            let missing = snapshot.findings.filter { $0.outcome == .noEvidence }
            let passed = snapshot.rules.reduce(0) { $0 + $1.pass }
            out += "\n\(fails.count) nonconformities (\(count(fails, .major)) major, \(count(fails, .minor)) minor, \(count(fails, .observation)) observation), \(missing.count) without evidence, \(errors.count) errors, \(waived.count) waived, \(passed) checks passed\n"
            if report.baseline != nil {
                let new = snapshot.findings.filter { $0.baseline == "new" }.count
                out += "\(new) new since the baseline, \(snapshot.findings.filter { $0.baseline == "unchanged" }.count) already in it\n"
            }
        }
        if !report.waivers.isEmpty {
            out += "\nWaivers:\n"
            for status in report.waivers {
                let w = status.waiver
                let what = t(w.rule + (w.key.map { " " + $0 } ?? ""))
                defer { for note in status.notes ?? [] { out += "           " + paint("note", "33") + ": \(t(note))\n" } }
                switch status.state {
                case .active: out += "  active   \(what) waives \(status.matched) finding(s) until \(w.expires)\n"
                case .expired: out += "  " + paint("expired", "33") + "  \(what) expired on \(w.expires) and no longer waives (\(t(w.location.description)))\n"
                case .unused: out += "  " + paint("unused", "33") + "   \(what) matched no finding (\(t(w.location.description)))\n"
                }
            }
        }
        out += "\nBy clause:\n"
        for clause in report.clauses where clause.status != "no_rule" {
            out += "  \(pad(clause.number, 8)) \(pad(clause.status.replacingOccurrences(of: "_", with: " "), 15)) \(clause.fail) failed, \(clause.pass) passed  \(t(clause.title))\n"
        }
        out += "\nBy phase (only clauses with passing evidence and nothing against them conform):\n"
        // A finding counts once, in the phase of the first clause it cites (as in Markdown).
        let phaseOf = Dictionary(report.clauses.map { ($0.number, $0.phase) }, uniquingKeysWith: { first, _ in first })
        let all = report.snapshots.flatMap(\.findings)
        for phase in ["Plan", "Do", "Check", "Act"] {
            let clauses = report.clauses.filter { $0.phase == phase && $0.status != "no_rule" }
            let conforming = clauses.filter(\.conforms).count
            func inPhase(_ outcome: Outcome) -> Int { all.filter { $0.outcome == outcome && phaseOf[$0.clauses.first?.number ?? ""] == phase }.count }
            let missing = inPhase(.noEvidence)
            out += "  \(pad(phase, 6)) \(conforming) of \(clauses.count) clauses conform, \(inPhase(.fail)) nonconformities"
                + (missing > 0 ? ", \(missing) without evidence" : "") + "\n"
        }
        out += "\nGate " + (report.gatePassed ? paint("passed", "32") : paint("failed", "31")) + " (fail on \(report.failOn))\n"
        return out
    }

    private static func count(_ findings: [Finding], _ severity: Severity) -> Int {
        findings.filter { $0.severity == severity }.count
    }

    private static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }
}
