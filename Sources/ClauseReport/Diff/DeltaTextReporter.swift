import ClauseRules

/// `clause diff --format text`: per clause, the findings introduced, resolved, persisting,
/// changed and newly waived, then the totals and the gate.
public enum DeltaTextReporter {
    /// Renders `delta` for a terminal; `colour` adds ANSI colours.
    public static func render(_ delta: Delta, colour: Bool = false) -> String {
        func paint(_ s: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
        var out = "Delta of \(delta.packSummary)\n"
        out += "Old: \(delta.old.summary)\n"
        out += "New: \(delta.new.summary)\n"
        for clause in delta.clauses {
            out += "\n" + paint(clause.number.isEmpty ? "(no clause)" : "\(clause.number) \(clause.title)", "1") + "\n"
            for group in Delta.Group.allCases {
                let entries = clause.entries(group)
                if entries.isEmpty { continue }
                let colourCode = group == .introduced ? "31" : group == .resolved ? "32" : group == .changed ? "33" : "2"
                out += "  " + paint("\(group.title) (\(entries.count))", colourCode) + "\n"
                for entry in entries {
                    out += line(entry)
                }
            }
        }
        out += "\nTotals: " + Delta.Group.allCases.map { "\(delta.totals.count($0)) \($0.title.lowercased())" }.joined(separator: ", ") + "\n"
        out += (delta.gatePassed ? paint("Gate passed", "32") : paint("Gate failed", "31"))
            + String(delta.gateSummary.dropFirst("Gate passed".count)) + "\n"
        return out
    }

    private static func line(_ entry: Delta.Entry) -> String {
        let indent = "                "
        var out = "    \(pad(entry.level, 11)) \(entry.label): \(entry.current.message)"
        if entry.failsGate { out += " [fails the gate]" }
        out += "\n"
        switch entry.group {
        case .introduced, .changed, .newlyWaived:
            var whereLine = indent + "at \(entry.current.location)" + (entry.current.path.map { " (\($0))" } ?? "")
            if entry.clauses.count > 1 { whereLine += "; also " + entry.clauses.dropFirst().map(\.number).joined(separator: ", ") }
            out += whereLine + "\n"
        case .resolved, .persisting:
            break
        }
        for change in entry.changes ?? [] {
            out += change.field == "message"
                ? indent + "message was: \(change.old)\n"
                : indent + "\(change.field): \(change.old) -> \(change.new)\n"
        }
        if entry.group == .newlyWaived, let w = entry.new?.waiver {
            out += indent + "waived until \(w.expires) by \(w.approvedBy): \(w.reason)\n"
        }
        return out
    }

    private static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }
}
