import ClauseReport
import ClauseRules
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Collects what the JUnit tests assert on, through a real XML parser.
final class JUnitCollector: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text = ""
    }

    var elements: [Element] = []
    var parseError: Error?
    private var open: [Int] = []

    static func parse(_ text: String) -> JUnitCollector {
        let collector = JUnitCollector()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = collector
        if !parser.parse() { collector.parseError = parser.parserError ?? CocoaError(.coderReadCorrupt) }
        return collector
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        open.append(elements.count)
        elements.append(Element(name: name, attributes: attributes))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let i = open.last { elements[i].text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        open.removeLast()
    }

    func all(_ name: String) -> [Element] { elements.filter { $0.name == name } }
}

@Suite struct JUnitReporterTests {
    static func int(_ element: JUnitCollector.Element?, _ key: String) -> Int? { element?.attributes[key].flatMap { Int($0) } }

    @Test(arguments: ["waived", "varied"])
    func countsEqualTheResults(variant: String) throws {
        let report = variant == "waived" ? try ReportFixtures.waived() : try ReportFixtures.varied()
        let xml = JUnitReporter.render(report)
        let parsed = JUnitCollector.parse(xml)
        #expect(parsed.parseError == nil, "\(String(describing: parsed.parseError))")
        let root = try #require(parsed.all("testsuites").first)
        let failures = ReportFixtures.count(report, .fail)
        let errors = ReportFixtures.count(report, .error)
        let waived = ReportFixtures.count(report, .waived)
        let notApplicable = report.snapshots.flatMap(\.rules).filter { $0.pass + $0.fail + $0.error + $0.waived == 0 }.count
        #expect(parsed.all("failure").count == failures)
        #expect(parsed.all("error").count == errors)
        #expect(parsed.all("skipped").count == waived + notApplicable)
        #expect(Self.int(root, "failures") == failures)
        #expect(Self.int(root, "errors") == errors)
        #expect(Self.int(root, "skipped") == waived + notApplicable)
        #expect(Self.int(root, "tests") == parsed.all("testcase").count)
        // Each rule that passed anywhere has one passing testcase per snapshot.
        let passing = report.snapshots.flatMap(\.rules).filter { $0.pass > 0 }.count
        #expect(parsed.all("testcase").count == failures + errors + waived + notApplicable + passing)
        // Suite counts add up to the totals, so no finding is counted twice.
        let suites = parsed.all("testsuite")
        for key in ["tests", "failures", "errors", "skipped"] {
            #expect(suites.reduce(0) { $0 + (Self.int($1, key) ?? 0) } == Self.int(root, key))
        }
        #expect(suites.count == Set(report.rules.compactMap { $0.clauses.first?.number }).count)
    }

    @Test func failuresCarryEvidenceAndRemediation() throws {
        let report = try ReportFixtures.waived()
        let parsed = JUnitCollector.parse(JUnitReporter.render(report))
        let failure = try #require(parsed.all("failure").first)
        let finding = try #require(ReportFixtures.findings(report).first { $0.outcome == .fail })
        #expect(failure.attributes["message"] == finding.message)
        #expect(failure.attributes["type"] == finding.severity.rawValue)
        #expect(failure.text.contains("at \(finding.file):\(finding.line ?? 0):\(finding.column ?? 0)"))
        #expect(failure.text.contains("remediation: " + finding.remediation))
        let name = finding.rule + " " + finding.title + (finding.key.map { " " + $0 } ?? "")
        let testcase = try #require(parsed.all("testcase").first { $0.attributes["name"] == name })
        #expect(testcase.attributes["classname"] == "clause." + (finding.clauses.first?.number ?? ""))
        let skipped = parsed.all("skipped").compactMap { $0.attributes["message"] }.filter { $0.hasPrefix("waived: ") }
        #expect(skipped.count == 2)
        #expect(skipped.contains { $0.contains("Legacy CRM hosting retires") && $0.contains("Head of Service Management") })
        let suite = try #require(parsed.all("testsuite").first)
        #expect(suite.attributes["name"] == "4.1 Understanding the organization and its context")
    }

    @Test func hostileTextRoundTrips() throws {
        let report = try ReportFixtures.varied()
        let parsed = JUnitCollector.parse(JUnitReporter.render(report))
        #expect(parsed.parseError == nil)
        // XML cannot carry NUL, U+0001 or U+FFFE: they become U+FFFD; everything else survives.
        let expected = ReportFixtures.hostile
            .replacingOccurrences(of: "\u{1}", with: "\u{FFFD}").replacingOccurrences(of: "\u{0}", with: "\u{FFFD}")
            .replacingOccurrences(of: "\u{FFFE}", with: "\u{FFFD}")
        #expect(parsed.all("failure").contains { $0.attributes["message"] == expected })
        #expect(parsed.all("testcase").contains { $0.attributes["name"]?.hasSuffix(" " + expected + " (samples/acme-2026-q2.yaml)") == true })
    }

    @Test func renderingIsDeterministic() throws {
        let report = try ReportFixtures.varied()
        #expect(JUnitReporter.render(report) == JUnitReporter.render(report))
    }
}
