@testable import ClauseReport
import ClauseRules
import Testing

@Suite struct MarkdownReporterTests {
    /// The cells of a GFM table row: split on pipes not escaped with a backslash.
    static func cells(_ row: String) -> [String] {
        var cells: [String] = [], current = "", escaped = false
        for c in row {
            if c == "|" && !escaped {
                cells.append(current)
                current = ""
            } else {
                current.append(c)
            }
            escaped = c == "\\" && !escaped
        }
        cells.append(current)
        return Array(cells.dropFirst().dropLast())
    }

    @Test func everyTableRowHasItsHeadersColumnCountDespiteHostileText() throws {
        let markdown = MarkdownReporter.render(try ReportFixtures.varied())
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var width: Int?
        var rows = 0
        for line in lines {
            guard line.hasPrefix("|") else {
                width = nil
                continue
            }
            let count = Self.cells(line).count
            if let width {
                #expect(count == width, "row has \(count) cells, header \(width): \(line)")
                rows += 1
            } else {
                width = count
            }
        }
        #expect(rows > 50)
        #expect(!markdown.contains("\r"))
        #expect(markdown.contains("a\\|b \\<tag attr=\"x\"\\> \\& 'q' \\*bold\\* \\_u\\_ \\`tick\\` \\[l\\](u) \\$x\\$"))
    }

    @Test func sectionsOfTheGapAnalysis() throws {
        let report = try ReportFixtures.waived()
        let markdown = MarkdownReporter.render(report)
        #expect(markdown.hasPrefix("# ISO/IEC 20000-1:2018 service management system requirements: gate failed\n"))
        for heading in ["## Conformity by PDCA phase", "## Clauses", "## Nonconformities", "### 8.3.3 ", "## Waived findings", "## Waivers needing attention"] {
            #expect(markdown.contains("\n" + heading), "missing \(heading)")
        }
        #expect(markdown.contains("| Do (8) | "))
        #expect(markdown.contains("- Expired: **SUPL-003** `SUP-SIP` expired on 2026-06-15"))
        let fails = ReportFixtures.count(report, .fail)
        #expect(markdown.contains("\(fails) nonconformities"))
        // Every nonconformity is one row naming its rule, with its evidence location.
        for finding in ReportFixtures.findings(report) where finding.outcome == .fail {
            #expect(markdown.contains("| \(finding.rule) | \(finding.severity.rawValue) | "), "\(finding.rule)")
            #expect(markdown.contains("`\(finding.file):\(finding.line ?? 0):\(finding.column ?? 0)`"))
        }
    }

    @Test func errorsAndBaselineAreShown() throws {
        let markdown = MarkdownReporter.render(try ReportFixtures.varied())
        #expect(markdown.contains("| error | "))
        #expect(markdown.contains("evaluation error: no such key: 'sla'"))
        #expect(markdown.contains(" Baseline |"))
        #expect(markdown.contains(" unchanged |"))
    }

    static let inline: [(String, String)] = [
        ("a|b", "a\\|b"),
        ("*x* _y_ `z`", "\\*x\\* \\_y\\_ \\`z\\`"),
        ("<b>&amp;</b>", "\\<b\\>\\&amp;\\</b\\>"),
        ("8.3.3 Service-level (SLA) #1", "8.3.3 Service-level (SLA) #1"),
        ("two\nlines", "two lines"),
    ]

    @Test(arguments: inline)
    func inlineEscaping(input: String, expected: String) {
        #expect(MarkdownReporter.inline(input) == expected)
    }

    @Test func codeSpansSurviveBackticksAndPipes() {
        #expect(MarkdownReporter.code("a.yaml:3:5") == "`a.yaml:3:5`")
        #expect(MarkdownReporter.code("a`b") == "``a`b``")
        #expect(MarkdownReporter.code("`x") == "`` `x ``")
        #expect(MarkdownReporter.code("a|b") == "`a\\|b`")
        #expect(MarkdownReporter.code("a|b", inTable: false) == "`a|b`")
    }

    @Test func renderingIsDeterministic() throws {
        let report = try ReportFixtures.varied()
        #expect(MarkdownReporter.render(report) == MarkdownReporter.render(report))
    }
}
