import Foundation
import Testing

/// The auditor's first test of a gate: take a snapshot that passes, and remove, misspell or
/// empty one section at a time. No such variant may pass: each must fail the gate with a
/// finding that names a clause (or, where nothing can be judged, stop with a located error).
@Suite struct OmissionTests {
    static let sample = "samples/compliant/snapshot.yaml"

    /// One top-level section of the compliant sample: its key and its lines.
    struct Section: CustomTestStringConvertible, Sendable {
        var key: String
        var range: Range<Int>
        var testDescription: String { key }
    }

    enum Change: String, CaseIterable, Sendable {
        case delete, misspell, empty
    }

    static let lines: [String] = {
        let url = CLIRunner.packageRoot.appendingPathComponent(sample)
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.components(separatedBy: "\n")
    }()

    static let sections: [Section] = {
        let starts = lines.indices.filter { i in
            let line = lines[i]
            guard let colon = line.firstIndex(of: ":"), let first = line.first, first.isLetter else { return false }
            return line[..<colon].allSatisfy { $0.isLetter || $0 == "_" }
        }
        return starts.enumerated().map { n, start in
            let end = n + 1 < starts.count ? starts[n + 1] : lines.count
            return Section(key: String(lines[start].prefix { $0 != ":" }), range: start..<end)
        }
    }()

    /// `incidents` -> `incidnets`: two different letters near the end swapped, as a tired hand
    /// types (`processes` -> `procesess`, never the same word back).
    static func misspelt(_ key: String) -> String {
        var chars = Array(key)
        var i = max(0, chars.count - 4)
        while i > 0 && chars[i] == chars[i + 1] { i -= 1 }
        chars.swapAt(i, i + 1)
        return String(chars)
    }

    static func variant(_ section: Section, _ change: Change) -> String {
        var out = Array(lines[..<section.range.lowerBound])
        let block = Array(lines[section.range])
        switch change {
        case .delete:
            break
        case .misspell:
            out.append(misspelt(section.key) + block[0].dropFirst(section.key.count))
            out += block.dropFirst()
        case .empty:
            let inline = block[0].dropFirst(section.key.count + 1).trimmingCharacters(in: .whitespaces)
            let isList = inline.hasPrefix("[") || block.dropFirst().contains { $0.hasPrefix("  - ") || $0.hasPrefix("- ") }
            let isMap = !isList && (inline.isEmpty || inline.hasPrefix("{"))
            out.append("\(section.key): " + (isList ? "[]" : isMap ? "{}" : "''"))
        }
        out += lines[section.range.upperBound...]
        return out.joined(separator: "\n")
    }

    @Test func theSampleHasTheSectionsItShould() {
        #expect(Self.sections.count >= 30)
        #expect(Self.sections.contains { $0.key == "incidents" })
        #expect(Self.misspelt("incidents") == "incidnets")
        #expect(Self.sections.allSatisfy { Self.misspelt($0.key) != $0.key })
    }

    @Test func theUntouchedSamplePasses() throws {
        let out = try CLIRunner.run(["check", Self.sample])
        #expect(out.status == 0, "\(out.stdout)\(out.stderr)")
    }

    @Test(arguments: sections, Change.allCases)
    func everyOmissionFailsTheGateNamingAClause(_ section: Section, _ change: Change) throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("\(section.key)-\(change.rawValue).yaml")
        try Data(Self.variant(section, change).utf8).write(to: file)
        let out = try CLIRunner.run(["check", file.path, "--format", "json"])
        if out.status == 2 {
            // Nothing could be judged (the snapshot's own date is unreadable): a located error.
            #expect(out.stderr.contains("\(file.path):"), "\(out.stderr)")
            #expect(out.stderr.contains(": error: "), "\(out.stderr)")
            return
        }
        #expect(out.status == 1, "\(section.key) \(change.rawValue) passed the gate")
        let report = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any]
        let snapshots = report?["snapshots"] as? [[String: Any]] ?? []
        let findings = snapshots.flatMap { $0["findings"] as? [[String: Any]] ?? [] }
        let blocking = findings.filter { f in
            let outcome = f["outcome"] as? String
            return (outcome == "error" || outcome == "no_evidence" || (outcome == "fail" && f["severity"] as? String != "observation"))
                && !((f["clauses"] as? [[String: Any]]) ?? []).isEmpty
        }
        #expect(!blocking.isEmpty, "\(section.key) \(change.rawValue): no finding that fails the gate names a clause")
    }
}
