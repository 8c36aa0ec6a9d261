import ClauseRules

/// `clause diff --format html`: one self-contained page (inline CSS, no scripts, no network):
/// the two sides, a totals table, then a section per clause with a table per group.
public enum DeltaHTMLReporter {
    /// No script at all, and only this page's own stylesheet, named by its SHA-256.
    static let contentSecurityPolicy = "default-src 'none'; style-src '\(InlineHash.of("\n" + stylesheet))'; script-src 'none'"

    static let stylesheet = """
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1b1f24;line-height:1.4}
        h1{font-size:1.6rem}h2{font-size:1.2rem;border-bottom:1px solid #d0d7de;padding-bottom:.2rem;margin-top:2rem}h3{font-size:1rem;margin:1rem 0 .3rem}
        table{border-collapse:collapse;width:100%;margin:.3rem 0 1rem}th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
        th{background:#f6f8fa}td.n,.totals th{text-align:right}code{font-family:ui-monospace,monospace;font-size:.9em}
        .gate{font-weight:bold;padding:.5rem .8rem;border-radius:4px}.passed{background:#dafbe1}.failed{background:#ffebe9}
        .introduced h3{color:#cf222e}.resolved h3{color:#1a7f37}.changed h3{color:#9a6700}.newly_waived h3,.persisting h3{color:#57606a}
        .note{color:#57606a;font-size:.9em}.fails{color:#cf222e;font-weight:bold}
        table.findings{table-layout:fixed}.findings th:nth-child(1){width:6.5rem}.findings th:nth-child(2){width:6.5rem}.findings th:nth-child(3){width:9.5rem}.findings th:nth-child(5){width:19rem}
        td{overflow-wrap:anywhere}

        """

    /// Renders `delta` as a complete HTML5 document.
    public static func render(_ delta: Delta) -> String {
        var out = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>Clause delta: \(t(delta.old.snapshots.map(\.file).joined(separator: ", "))) → \(t(delta.new.snapshots.map(\.file).joined(separator: ", ")))</title>
        <meta http-equiv="Content-Security-Policy" content="\(contentSecurityPolicy)">
        <style>
        \(stylesheet)</style>
        </head>
        <body>
        <h1>Clause delta</h1>
        <table class="sides">
        <tr><th></th><th>Old</th><th>New</th></tr>
        <tr><th>Pack</th><td>\(t("\(delta.old.pack.title) (\(delta.old.pack.id) \(delta.old.pack.version))"))</td><td>\(t("\(delta.new.pack.title) (\(delta.new.pack.id) \(delta.new.pack.version))"))</td></tr>
        <tr><th>Snapshots</th><td>\(t(delta.old.summary))</td><td>\(t(delta.new.summary))</td></tr>
        </table>
        <h2>Totals</h2>
        <table class="totals">

        """
        out += "<tr>"
        for group in Delta.Group.allCases { out += "<th>\(t(group.title))</th>" }
        out += "<th>Failing the gate</th></tr>\n<tr>"
        for group in Delta.Group.allCases { out += "<td class=\"n\">\(delta.totals.count(group))</td>" }
        out += "<td class=\"n\">\(delta.totals.failingGate)</td></tr>\n</table>\n"
        out += "<p class=\"gate \(delta.gatePassed ? "passed" : "failed")\">\(t(delta.gateSummary))</p>\n"
        for clause in delta.clauses {
            let heading = clause.number.isEmpty ? "(no clause)" : "\(clause.number) \(clause.title)"
            out += "<section id=\"\(a("clause-" + clause.number))\">\n<h2>\(t(heading))</h2>\n"
            for group in Delta.Group.allCases {
                let entries = clause.entries(group)
                if entries.isEmpty { continue }
                out += "<div class=\"\(group.rawValue)\">\n<h3>\(t(group.title)) (\(entries.count))</h3>\n"
                out += "<table class=\"findings\">\n<tr><th>Severity</th><th>Rule</th><th>Key</th><th>Message</th><th>Evidence</th></tr>\n"
                for entry in entries { out += row(entry) }
                out += "</table>\n</div>\n"
            }
            out += "</section>\n"
        }
        out += "</body>\n</html>\n"
        return out
    }

    private static func row(_ entry: Delta.Entry) -> String {
        var message = t(entry.current.message)
        if entry.failsGate { message += " <span class=\"fails\">(fails the gate)</span>" }
        for change in entry.changes ?? [] {
            message += change.field == "message"
                ? "<br><span class=\"note\">message was: \(t(change.old))</span>"
                : "<br><span class=\"note\">\(t(change.field)): \(t(change.old)) → \(t(change.new))</span>"
        }
        if entry.group == .newlyWaived, let w = entry.new?.waiver {
            message += "<br><span class=\"note\">waived until \(t(w.expires)) by \(t(w.approvedBy)): \(t(w.reason))</span>"
        }
        var evidence = "<code>\(t(entry.current.location))</code>"
        if let path = entry.current.path { evidence += " <code>\(t(path))</code>" }
        if entry.clauses.count > 1 { evidence += "<br><span class=\"note\">also \(t(entry.clauses.dropFirst().map(\.number).joined(separator: ", ")))</span>" }
        let key = entry.key.map { "<code>\(t($0))</code>" } ?? "—"
        return "<tr><td>\(t(entry.level))</td><td title=\"\(a(entry.title))\"><code>\(t(entry.rule))</code></td><td>\(key)</td><td>\(message)</td><td>\(evidence)</td></tr>\n"
    }

    private static func t(_ s: String) -> String { XMLEscaping.text(s) }
    private static func a(_ s: String) -> String { XMLEscaping.attribute(s) }
}
