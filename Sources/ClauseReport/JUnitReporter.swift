import ClauseRules

/// `--format junit`: JUnit XML as Jenkins, GitLab and the GitHub test reporters read it.
///
/// One `<testsuite>` per clause, holding the rules whose first clause it is (as the text report
/// groups them), so every finding is exactly one testcase and the totals equal the results:
/// failures = nonconformities, errors = evaluation errors, skipped = waived findings plus rules
/// with nothing applicable. Passing elements of a rule share one testcase. No timestamps or
/// durations, so the same inputs give the same bytes.
public enum JUnitReporter {
    struct TestCase {
        var classname: String
        var name: String
        /// The child element (`failure`, `error`, `skipped`), if any, already escaped.
        var body: String?
        var kind: Kind

        enum Kind { case pass, failure, error, skipped }
    }

    /// Renders `report` as one `<testsuites>` document.
    public static func render(_ report: CheckReport) -> String {
        let several = report.snapshots.count > 1
        // Findings of each snapshot by rule, in report order, so a large report stays linear.
        let byRule = report.snapshots.map { Dictionary(grouping: $0.findings, by: \.rule) }
        var suites: [(clause: CheckReport.ClauseSummary?, number: String, cases: [TestCase])] = []
        var suiteIndex: [String: Int] = [:]
        func suite(for number: String) -> Int {
            if let i = suiteIndex[number] { return i }
            suiteIndex[number] = suites.count
            suites.append((report.clauses.first { $0.number == number }, number, []))
            return suites.count - 1
        }
        // Suites in catalogue order; a clause a rule cites but the catalogue lacks goes last.
        let primary = Set(report.rules.compactMap { $0.clauses.first?.number })
        for clause in report.clauses where primary.contains(clause.number) { _ = suite(for: clause.number) }

        for rule in report.rules {
            let number = rule.clauses.first?.number ?? ""
            let index = suite(for: number)
            let classname = "clause." + (number.isEmpty ? "unclassified" : number)
            let base = rule.id + (rule.title.isEmpty ? "" : " " + rule.title)
            for (position, snapshot) in report.snapshots.enumerated() {
                let suffix = several ? " (\(snapshot.file)\(snapshot.document > 0 ? "#\(snapshot.document + 1)" : ""))" : ""
                guard let summary = snapshot.rules.first(where: { $0.rule == rule.id }) else { continue }
                let others = summary.fail + summary.error + summary.waived + summary.noEvidence
                if summary.pass > 0 {
                    let name = summary.pass == 1 && others == 0 ? base
                        : others == 0 ? "\(base): all \(summary.pass) elements pass"
                        : summary.pass == 1 ? "\(base): 1 element passes"
                        : "\(base): \(summary.pass) elements pass"
                    suites[index].cases.append(TestCase(classname: classname, name: name + suffix, body: nil, kind: .pass))
                } else if others == 0 {
                    suites[index].cases.append(TestCase(classname: classname, name: "\(base): not applicable" + suffix,
                                                        body: "<skipped message=\"not applicable\"/>", kind: .skipped))
                }
                let ruleFindings = byRule[position][rule.id] ?? []
                if summary.noEvidence > 0 && !ruleFindings.contains(where: { $0.outcome == .noEvidence }) {
                    // The rule judged nothing; the EVIDENCE finding of its section says why.
                    let message = "no evidence: a section this rule reads is absent or empty (see EVIDENCE)"
                    suites[index].cases.append(TestCase(classname: classname, name: "\(base): no evidence" + suffix,
                                                        body: "<failure message=\"\(XMLEscaping.attribute(message))\" type=\"no_evidence\"/>", kind: .failure))
                }
                for finding in ruleFindings {
                    let name = base + (finding.key.map { " " + $0 } ?? "") + suffix
                    suites[index].cases.append(testCase(finding, classname: classname, name: name))
                }
            }
        }

        // A rule the tailoring took out is a skipped testcase with its rationale, so that the CI
        // view shows what was not checked and why.
        for change in report.tailoring?.rules ?? [] where change.change == "tailored_out" {
            let number = change.clauses.first ?? ""
            let message = "tailored out: \(change.rationale)"
            suites[suite(for: number)].cases.append(TestCase(classname: "clause." + (number.isEmpty ? "unclassified" : number),
                                                             name: change.rule + (change.title.isEmpty ? "" : " " + change.title),
                                                             body: "<skipped message=\"\(XMLEscaping.attribute(message))\"/>", kind: .skipped))
        }

        func count(_ cases: [TestCase], _ kind: TestCase.Kind) -> Int { cases.filter { $0.kind == kind }.count }
        func counts(_ cases: [TestCase]) -> String {
            "tests=\"\(cases.count)\" failures=\"\(count(cases, .failure))\" errors=\"\(count(cases, .error))\" skipped=\"\(count(cases, .skipped))\""
        }
        let all = suites.flatMap(\.cases)
        let title = "\(report.pack.id) \(report.pack.version)"
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"\(XMLEscaping.attribute("clause " + title))\" \(counts(all))>\n"
        if let tailoring = report.tailoring {
            // What the tailoring changed, as properties of a suite of its own (no tests).
            out += "  <testsuite name=\"\(XMLEscaping.attribute("Tailoring: " + tailoring.title))\" tests=\"0\" failures=\"0\" errors=\"0\" skipped=\"0\">\n    <properties>\n"
            for row in TailoringRows(tailoring: tailoring, report: report).rows {
                let value = row.change + (row.rationale.isEmpty ? "" : " (\(row.rationale))")
                out += "      <property name=\"\(XMLEscaping.attribute((row.kind == "exclusion" ? "EXCLUSION" : row.kind) + " " + row.subject))\" value=\"\(XMLEscaping.attribute(value))\"/>\n"
            }
            out += "    </properties>\n  </testsuite>\n"
        }
        for suite in suites {
            let name = suite.clause.map { "\($0.number) \($0.title)" } ?? suite.number
            out += "  <testsuite name=\"\(XMLEscaping.attribute(name))\" \(counts(suite.cases))>\n"
            for test in suite.cases {
                let open = "    <testcase classname=\"\(XMLEscaping.attribute(test.classname))\" name=\"\(XMLEscaping.attribute(test.name))\""
                if let body = test.body {
                    out += open + ">\n      " + body + "\n    </testcase>\n"
                } else {
                    out += open + "/>\n"
                }
            }
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return out
    }

    static func testCase(_ finding: Finding, classname: String, name: String) -> TestCase {
        var detail = finding.message + "\n"
        if finding.line != nil {
            detail += "at \(finding.location)"
        } else {
            detail += "in \(finding.file)"
        }
        detail += finding.path.map { " (\($0))" } ?? ""
        detail += "\n"
        if finding.clauses.count > 1 {
            detail += "clauses: " + finding.clauses.map { "\($0.number) \($0.title)" }.joined(separator: "; ") + "\n"
        }
        if finding.baseline == "unchanged" { detail += "already in the baseline\n" }
        detail += "remediation: \(finding.remediation)\n"
        switch finding.outcome {
        case .error:
            let message = finding.errorText
            return TestCase(classname: classname, name: name,
                            body: "<error message=\"\(XMLEscaping.attribute(message))\" type=\"\(finding.rule.hasPrefix("SNAPSHOT-") ? "schema" : "evaluation")\">\(XMLEscaping.text(detail))</error>", kind: .error)
        case .waived:
            let w = finding.waiver
            let message = "waived: " + (w.map { "\($0.reason) (approved by \($0.approvedBy), expires \($0.expires))" } ?? finding.message)
            return TestCase(classname: classname, name: name,
                            body: "<skipped message=\"\(XMLEscaping.attribute(message))\">\(XMLEscaping.text(detail))</skipped>", kind: .skipped)
        default:
            return TestCase(classname: classname, name: name,
                            body: "<failure message=\"\(XMLEscaping.attribute(finding.message))\" type=\"\(finding.severity.rawValue)\">\(XMLEscaping.text(detail))</failure>", kind: .failure)
        }
    }
}
