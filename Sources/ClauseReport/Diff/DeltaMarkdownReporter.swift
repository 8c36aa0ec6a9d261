import ClauseRules

/// `clause diff --format markdown`: a GitHub-flavoured Markdown report for auditors: the two
/// sides, a totals table, then one section per clause with a table per group.
public enum DeltaMarkdownReporter {
    /// Renders `delta` as GitHub-flavoured Markdown.
    public static func render(_ delta: Delta) -> String {
        var out = "# Clause delta\n\n"
        out += "| | Old | New |\n| --- | --- | --- |\n"
        out += "| Pack | \(cell("\(delta.old.pack.title) (\(delta.old.pack.id) \(delta.old.pack.version))")) | \(cell("\(delta.new.pack.title) (\(delta.new.pack.id) \(delta.new.pack.version))")) |\n"
        out += "| Snapshots | \(cell(delta.old.summary)) | \(cell(delta.new.summary)) |\n"
        out += "\n## Totals\n\n"
        out += "| " + Delta.Group.allCases.map(\.title).joined(separator: " | ") + " | Failing the gate |\n"
        out += "|" + String(repeating: " ---: |", count: Delta.Group.allCases.count + 1) + "\n"
        out += "| " + Delta.Group.allCases.map { String(delta.totals.count($0)) }.joined(separator: " | ") + " | \(delta.totals.failingGate) |\n"
        out += "\n**\(cell(delta.gateSummary))**\n"
        for clause in delta.clauses {
            out += "\n## " + (clause.number.isEmpty ? "(no clause)" : cell("\(clause.number) \(clause.title)")) + "\n"
            for group in Delta.Group.allCases {
                let entries = clause.entries(group)
                if entries.isEmpty { continue }
                out += "\n### \(group.title) (\(entries.count))\n\n"
                out += "| Severity | Rule | Key | Message | Evidence |\n| --- | --- | --- | --- | --- |\n"
                for entry in entries {
                    out += row(entry)
                }
            }
        }
        return out
    }

    private static func row(_ entry: Delta.Entry) -> String {
        var message = cell(entry.current.message)
        if entry.failsGate { message += " **(fails the gate)**" }
        for change in entry.changes ?? [] {
            message += change.field == "message"
                ? "<br>message was: " + cell(change.old)
                : "<br>\(cell(change.field)): \(cell(change.old)) → \(cell(change.new))"
        }
        if entry.group == .newlyWaived, let w = entry.new?.waiver {
            message += "<br>waived until \(cell(w.expires)) by \(cell(w.approvedBy)): \(cell(w.reason))"
        }
        var evidence = code(entry.current.location)
        if let path = entry.current.path { evidence += " " + code(path) }
        if entry.clauses.count > 1 { evidence += "<br>also " + cell(entry.clauses.dropFirst().map(\.number).joined(separator: ", ")) }
        return "| \(entry.level) | \(code(entry.rule)) | \(entry.key.map(code) ?? "—") | \(message) | \(evidence) |\n"
    }

    /// Text for a table cell: HTML-significant characters escaped (`XMLEscaping`), Markdown
    /// punctuation backslash-escaped, line breaks as `<br>`, so a snapshot value cannot break
    /// the table or inject markup.
    static func cell(_ text: String) -> String {
        var out = ""
        for scalar in XMLEscaping.text(text).unicodeScalars {
            switch scalar {
            case "\\", "|", "*", "_", "`", "[", "]", "#", "~": out += "\\" + String(scalar)
            case "\n": out += "<br>"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A code span; its content is literal in Markdown, but a table still splits on `|` and the
    /// span must not contain its own delimiter.
    static func code(_ text: String) -> String {
        let safe = text.replacingOccurrences(of: "`", with: "'").replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "\n", with: " ")
        return "`" + safe + "`"
    }
}
