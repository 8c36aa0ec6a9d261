import ClauseRules

/// `--format markdown`: an auditor's gap analysis that fits a pull-request comment: the verdict,
/// conformity per PDCA phase and per clause, nonconformities grouped by clause with their
/// evidence and remediation, waived findings apart, and waivers that need attention.
public enum MarkdownReporter {
    static let phases: [(name: String, clauses: String)] = [("Plan", "4–7"), ("Do", "8"), ("Check", "9"), ("Act", "10")]

    /// Renders `report` as GitHub-flavoured Markdown.
    public static func render(_ report: CheckReport, listing: Listing = Listing()) -> String {
        let findings = report.snapshots.flatMap { snapshot in snapshot.findings.map { (snapshot, $0) } }
        let fails = findings.filter { $0.1.outcome == .fail }.map(\.1)
        let errors = findings.filter { $0.1.outcome == .error }.map(\.1)
        let missing = findings.filter { $0.1.outcome == .noEvidence }.map(\.1)
        let waived = findings.filter { $0.1.outcome == .waived }
        let passed = report.snapshots.flatMap(\.rules).reduce(0) { $0 + $1.pass }
        let withBaseline = report.baseline != nil
        let phaseOf = Dictionary(report.clauses.map { ($0.number, $0.phase) }, uniquingKeysWith: { first, _ in first })

        var out = "# \(inline(report.pack.title)): gate \(report.gatePassed ? "passed" : "failed")\n\n"
        out += "**Gate \(report.gate.uppercased())** (fail on \(report.failOn)) · pack `\(report.pack.id)` \(inline(report.pack.version)) · clause \(inline(report.tool.version))\n\n"
        out += "\(fails.count) nonconformities (\(count(fails, .major)) major, \(count(fails, .minor)) minor, \(count(fails, .observation)) observation), "
        out += "\(missing.count) without evidence, \(errors.count) evaluation errors, \(waived.count) waived, \(passed) checks passed\n"
        if withBaseline {
            let new = findings.filter { $0.1.baseline == "new" && $0.1.outcome != .waived }.count
            out += "\n\(new) new since the baseline \(code(report.baseline ?? "", inTable: false)), \(findings.filter { $0.1.baseline == "unchanged" }.count) already in it\n"
        }
        out += "\n| Snapshot | As of | SHA-256 |\n|---|---|---|\n"
        for snapshot in report.snapshots {
            let name = snapshot.file + (snapshot.document > 0 ? " #\(snapshot.document + 1)" : "")
            out += "| \(code(name)) | \(cell(snapshot.asOf)) (\(cell(snapshot.asOfSource))) | \(code(String(snapshot.sha256.prefix(12)))) |\n"
        }
        let keys = Set(report.snapshots.flatMap { $0.keys ?? [] }).sorted()
        if !keys.isEmpty { out += "\nJudged only the elements with key \(keys.map { code($0, inTable: false) }.joined(separator: ", ")) (`--key`).\n" }
        if let tailoring = report.tailoring {
            let table = TailoringRows(tailoring: tailoring, report: report)
            out += "\n## Tailoring\n\n\(inline(tailoring.title)) (\(code(tailoring.file, inTable: false))): \(table.headline).\n\n"
            out += "| Change | Of | What | Rationale |\n|---|---|---|---|\n"
            for row in table.rows {
                out += "| \(row.kind == "exclusion" ? "**EXCLUSION**" : cell(row.kind)) | \(cell(row.subject)) | \(cell(row.change)) | \(cell(row.rationale)) |\n"
            }
        }

        out += "\n## Conformity by PDCA phase\n\n"
        out += "Only clauses with passing evidence and nothing against them conform; a clause without evidence or not applicable does not.\n\n"
        out += "| Phase | Clauses conforming | Major | Minor | Observation | No evidence | Errors |\n|---|---|---|---|---|---|---|\n"
        for phase in phases {
            let clauses = report.clauses.filter { $0.phase == phase.name && $0.status != "no_rule" }
            let conforming = clauses.filter(\.conforms).count
            let inPhase = fails.filter { phaseOf[$0.clauses.first?.number ?? ""] == phase.name }
            let errs = errors.filter { phaseOf[$0.clauses.first?.number ?? ""] == phase.name }.count
            let gaps = missing.filter { phaseOf[$0.clauses.first?.number ?? ""] == phase.name }.count
            out += "| \(phase.name) (\(phase.clauses)) | \(conforming) / \(clauses.count) | \(count(inPhase, .major)) | \(count(inPhase, .minor)) | \(count(inPhase, .observation)) | \(gaps) | \(errs) |\n"
        }

        out += "\n## Clauses\n\n"
        out += "| Clause | Title | Status | Failed | Passed | Waived | No evidence | Errors |\n|---|---|---|---|---|---|---|---|\n"
        for clause in report.clauses where clause.status != "no_rule" {
            out += "| \(cell(clause.number)) | \(cell(clause.title)) | \(marker(clause.status)) | \(clause.fail) | \(clause.pass) | \(clause.waived) | \(clause.noEvidence) | \(clause.error) |\n"
        }
        let uncovered = report.clauses.filter { $0.rules == 0 && $0.parent != nil }.map(\.number)
        if !uncovered.isEmpty {
            out += "\nNo rule ran for \(uncovered.count) subclause(s), which need manual evidence: " + uncovered.map(inline).joined(separator: ", ") + "\n"
        }

        out += "\n## Nonconformities\n"
        let all = findings.filter { $0.1.outcome == .fail || $0.1.outcome == .error || $0.1.outcome == .noEvidence }
        var seen: [String: Int] = [:]
        var omitted: [(rule: String, count: Int)] = []
        let open = all.filter { pair in
            let rule = pair.1.rule
            seen[rule, default: 0] += 1
            if listing.lists(seen[rule] ?? 0) { return true }
            if let i = omitted.firstIndex(where: { $0.rule == rule }) { omitted[i].count += 1 } else { omitted.append((rule, 1)) }
            return false
        }
        if all.isEmpty {
            out += "\nNone.\n"
        }
        if let line = Listing.omitted(omitted) { out += "\n" + inline(line.prefix(1).uppercased() + line.dropFirst()) + ".\n" }
        for (number, group) in grouped(open, report) {
            out += "\n### \(heading(number, group, report))\n\n"
            out += "| Rule | Severity | Key | Finding | Evidence |" + (withBaseline ? " Baseline |" : "") + "\n"
            out += "|---|---|---|---|---|" + (withBaseline ? "---|" : "") + "\n"
            for (snapshot, f) in group {
                let severity = f.outcome == .error ? "error" : f.severity.rawValue
                let message = f.errorText
                out += "| \(cell(f.rule + (report.owner(of: f).map { " (\($0))" } ?? ""))) | \(severity) | \(f.key.map { code($0) } ?? "") | \(cell(message)) | \(evidence(f, snapshot, report)) |"
                out += (withBaseline ? " \(f.baseline ?? "") |" : "") + "\n"
            }
            out += "\n"
            var seen = Set<String>()
            for (_, f) in group where seen.insert(f.rule).inserted {
                out += "- **\(inline(f.rule))** \(inline(f.title)): \(inline(f.remediation))\n"
            }
        }

        if !waived.isEmpty {
            out += "\n## Waived findings\n\n"
            out += "| Rule | Clause | Key | Finding | Evidence | Reason | Approved by | Expires |\n|---|---|---|---|---|---|---|---|\n"
            for (snapshot, f) in waived {
                let w = f.waiver
                out += "| \(cell(f.rule)) | \(cell(f.clauses.first?.number ?? "")) | \(f.key.map { code($0) } ?? "") | \(cell(f.message)) | \(evidence(f, snapshot, report)) "
                out += "| \(cell(w?.reason ?? "")) | \(cell(w?.approvedBy ?? "")) | \(cell(w?.expires ?? "")) |\n"
            }
        }

        let attention = report.waivers.filter { $0.state != .active || $0.notes != nil }
        if !attention.isEmpty {
            out += "\n## Waivers needing attention\n\n"
            for status in attention {
                let w = status.waiver
                let what = "**\(inline(w.rule))**" + (w.key.map { " " + code($0, inTable: false) } ?? "")
                switch status.state {
                case .expired:
                    out += "- Expired: \(what) expired on \(inline(w.expires)) and no longer waives \(status.matched) finding(s) (\(code(w.location.description, inTable: false)))\n"
                case .unused:
                    out += "- Unused: \(what) matched no finding (\(code(w.location.description, inTable: false)))\n"
                case .active:
                    out += "- Active: \(what) waives \(status.matched) finding(s) until \(inline(w.expires)) (\(code(w.location.description, inTable: false)))\n"
                }
                for note in status.notes ?? [] { out += "  - **Note:** \(inline(note))\n" }
            }
        }
        return out
    }

    /// Findings grouped by their first clause, clauses in catalogue order.
    static func grouped(_ findings: [(SnapshotResult, Finding)], _ report: CheckReport) -> [(String, [(SnapshotResult, Finding)])] {
        let byClause = Dictionary(grouping: findings) { $0.1.clauses.first?.number ?? "" }
        return byClause.keys.sorted(by: ClauseEntry.numericOrder).map { ($0, byClause[$0] ?? []) }
    }

    static func heading(_ number: String, _ group: [(SnapshotResult, Finding)], _ report: CheckReport) -> String {
        let title = report.clauses.first { $0.number == number }?.title ?? group.first?.1.clauses.first?.title ?? ""
        return inline(number + (title.isEmpty ? "" : " " + title))
    }

    static func evidence(_ f: Finding, _ snapshot: SnapshotResult, _ report: CheckReport) -> String {
        var text = f.line != nil ? code(f.location.description) : code(f.file)
        if report.snapshots.count > 1, snapshot.document > 0 { text += " #\(snapshot.document + 1)" }
        if let path = f.path { text += " " + code(path) }
        return text
    }

    /// A plain-text status marker (no emoji, so it reads the same in every renderer).
    static func marker(_ status: String) -> String {
        switch status {
        case "pass": "PASS"
        case "fail": "**FAIL**"
        case "error": "**ERROR**"
        case "waived": "WAIVED"
        case "not_applicable": "N/A"
        case "no_evidence": "**NO EVIDENCE**"
        default: status.uppercased()
        }
    }

    private static func count(_ findings: [Finding], _ severity: Severity) -> Int {
        findings.filter { $0.severity == severity }.count
    }

    /// Backslash-escapes the characters that Markdown (CommonMark and GFM) could read as syntax,
    /// and folds line breaks, so user text renders literally on one line.
    static func inline(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            // Only inline syntax: the text never starts a line, so `#`, `-`, `+` and `1.` are safe.
            // `$` opens GitHub's math, `&` an entity, `<` HTML or an autolink.
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "&", "$":
                out += "\\"
                out.unicodeScalars.append(scalar)
            case "\r", "\n", "\t":
                out += " "
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out += "\u{FFFD}"
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Text for a table cell: `inline` escaping (which covers `|`).
    static func cell(_ text: String) -> String { inline(text) }

    /// A code span that survives backticks in the text and, in tables, pipes (GFM splits cells on
    /// `|` even inside code spans, so it stays escaped there).
    static func code(_ text: String, inTable: Bool = true) -> String {
        var flat = String(text.unicodeScalars.map { scalar -> Character in
            scalar == "\n" || scalar == "\r" || scalar == "\t" ? " " : scalar.value < 0x20 || scalar.value == 0x7F ? "\u{FFFD}" : Character(scalar)
        })
        if inTable { flat = flat.replacingOccurrences(of: "|", with: "\\|") }
        var longest = 0, run = 0
        for c in flat {
            run = c == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = flat.hasPrefix("`") || flat.hasSuffix("`") ? " " : ""
        return fence + pad + flat + pad + fence
    }
}
