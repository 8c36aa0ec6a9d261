import ClauseRules
import Foundation

/// `--format json`: the `clause-results/1` schema (docs/results.md), keys sorted, so the same
/// inputs give the same bytes.
public enum JSONReporter {
    /// Renders `report` as pretty-printed JSON with sorted keys, ending with a newline.
    public static func render(_ report: CheckReport) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        // Findings are most of a large report and slow through the encoder (7,269 findings:
        // ~80 ms of a 0.6 s check). The report is encoded without them, and each snapshot's
        // findings are written directly, in the encoder's exact format, where its empty list is.
        var shell = report
        for i in shell.snapshots.indices { shell.snapshots[i].findings = [] }
        guard report.snapshots.contains(where: { !$0.findings.isEmpty }),
              let data = try? encoder.encode(shell) else { return encoded(report, encoder) }
        let text = String(decoding: data, as: UTF8.self)
        var out = ""
        // Room for more than the findings will take: capacity never written is never resident,
        // while growing a large report by doubling copies it and holds both copies at once.
        out.reserveCapacity(text.utf8.count + report.snapshots.reduce(0) { $0 + $1.findings.count * 1_500 } + 1)
        var rest = text[...]
        for snapshot in report.snapshots {
            guard let at = rest.range(of: emptyFindings) else { return encoded(report, encoder) }
            out += rest[..<at.lowerBound]
            writeFindings(snapshot.findings, to: &out, encoder)
            rest = rest[at.upperBound...]
        }
        out += rest
        out += "\n"
        return out
    }

    /// Reads a `clause-results/1` document back (a baseline, or one side of a diff).
    public static func decode(_ bytes: [UInt8]) throws -> CheckReport {
        try JSONDecoder().decode(CheckReport.self, from: Data(bytes))
    }

    /// The whole report through the encoder.
    private static func encoded(_ report: CheckReport, _ encoder: JSONEncoder) -> String {
        guard let data = try? encoder.encode(report) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// How the encoder writes a snapshot's empty `findings` (6 spaces: root, `snapshots`, snapshot).
    private static let emptyFindings = "\"findings\" : [\n\n      ]"

    /// `"findings" : [...]` as the encoder writes it at that depth.
    private static func writeFindings(_ findings: [Finding], to out: inout String, _ encoder: JSONEncoder) {
        guard !findings.isEmpty else { out += emptyFindings; return }
        out += "\"findings\" : [\n"
        for (n, finding) in findings.enumerated() {
            if n > 0 { out += ",\n" }
            writeFinding(finding, to: &out, encoder)
        }
        out += "\n      ]"
    }

    /// One finding at 8 spaces, its fields at 10, keys in sorted order, absent optionals left out.
    private static func writeFinding(_ f: Finding, to out: inout String, _ encoder: JSONEncoder) {
        guard f.waiver == nil, !f.clauses.isEmpty else {
            // Rare shapes (a waiver object) go through the encoder, re-indented to this depth.
            let data = (try? encoder.encode(f)) ?? Data("{}".utf8)
            out += "        " + String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\n", with: "\n        ")
            return
        }
        let pad = "          "
        out += "        {\n"
        if let baseline = f.baseline { out += pad + "\"baseline\" : "; string(baseline, &out, encoder); out += ",\n" }
        out += pad + "\"clauses\" : [\n"
        for (n, clause) in f.clauses.enumerated() {
            out += n > 0 ? ",\n            {\n" : "            {\n"
            out += "              \"number\" : "; string(clause.number, &out, encoder)
            out += ",\n              \"title\" : "; string(clause.title, &out, encoder)
            out += "\n            }"
        }
        out += "\n" + pad + "],\n"
        if let column = f.column { out += pad + "\"column\" : \(column),\n" }
        out += pad + "\"file\" : "; string(f.file, &out, encoder)
        out += ",\n" + pad + "\"fingerprint\" : "; string(f.fingerprint, &out, encoder)
        if let key = f.key { out += ",\n" + pad + "\"key\" : "; string(key, &out, encoder) }
        if let line = f.line { out += ",\n" + pad + "\"line\" : \(line)" }
        out += ",\n" + pad + "\"message\" : "; string(f.message, &out, encoder)
        out += ",\n" + pad + "\"outcome\" : "; string(f.outcome.rawValue, &out, encoder)
        if let pack = f.pack { out += ",\n" + pad + "\"pack\" : "; string(pack, &out, encoder) }
        if let path = f.path { out += ",\n" + pad + "\"path\" : "; string(path, &out, encoder) }
        out += ",\n" + pad + "\"remediation\" : "; string(f.remediation, &out, encoder)
        out += ",\n" + pad + "\"rule\" : "; string(f.rule, &out, encoder)
        out += ",\n" + pad + "\"severity\" : "; string(f.severity.rawValue, &out, encoder)
        out += ",\n" + pad + "\"stage\" : "; string(f.stage.rawValue, &out, encoder)
        out += ",\n" + pad + "\"title\" : "; string(f.title, &out, encoder)
        out += "\n        }"
    }

    /// A JSON string: printable ASCII without `"` or `\` is written as is, anything else
    /// through the encoder so escapes stay exactly the encoder's.
    private static func string(_ s: String, _ out: inout String, _ encoder: JSONEncoder) {
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }) {
            out += "\""
            out += s
            out += "\""
        } else if let data = try? encoder.encode(s) {
            out += String(decoding: data, as: UTF8.self)
        } else {
            out += "\"\""
        }
    }
}
