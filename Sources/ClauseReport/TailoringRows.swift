import ClauseRules

/// A tailoring as rows, the same in every report: exclusions first (the standard admits none),
/// then parameters, rules tailored out, changed severities and added rules.
struct TailoringRows {
    struct Row {
        /// `exclusion`, `parameter`, `tailored out`, `severity` or `added`.
        var kind: String
        var subject: String
        var change: String
        var rationale: String
    }

    let tailoring: Tailoring
    let report: CheckReport

    var headline: String {
        let t = tailoring
        let outCount = t.tailoredOut.count
        let severities = t.rules.count - outCount
        var parts = ["\(t.parameters.count) parameter\(t.parameters.count == 1 ? "" : "s") set",
                     "\(outCount) rule\(outCount == 1 ? "" : "s") tailored out",
                     "\(severities) severit\(severities == 1 ? "y" : "ies") changed"]
        if !t.added.isEmpty { parts.append("\(t.added.count) rule\(t.added.count == 1 ? "" : "s") added") }
        if !t.clauses.isEmpty { parts.insert("\(t.clauses.count) clause\(t.clauses.count == 1 ? "" : "s") deselected", at: 1) }
        if !t.exclusions.isEmpty { parts.insert("\(t.exclusions.count) EXCLUSION\(t.exclusions.count == 1 ? "" : "S")", at: 0) }
        return parts.joined(separator: ", ")
    }

    var rows: [Row] {
        let t = tailoring
        let title = { (number: String) in report.clauses.first { $0.number == number }?.title ?? "" }
        var out = t.exclusions.map { number in
            Row(kind: "exclusion", subject: "\(number) \(title(number))", change: "no rule checks this clause",
                rationale: t.clauses.first { number == $0.clause || number.hasPrefix($0.clause + ".") }?.rationale
                    ?? t.rules.first { $0.change == "tailored_out" && $0.clauses.contains(number) }?.rationale ?? "")
        }
        out += t.parameters.map { Row(kind: "parameter", subject: $0.name, change: "\($0.from) -> \($0.to)", rationale: $0.rationale) }
        out += t.rules.filter { $0.change == "tailored_out" }.map {
            Row(kind: "tailored out", subject: "\($0.rule) \($0.title)", change: "not evaluated", rationale: $0.rationale)
        }
        out += t.rules.filter { $0.change == "severity" }.map {
            Row(kind: "severity", subject: "\($0.rule) \($0.title)", change: "\($0.from ?? "") -> \($0.to ?? "")", rationale: $0.rationale)
        }
        out += t.added.map { Row(kind: "added", subject: $0, change: "the organisation's own rule", rationale: "") }
        return out
    }
}
