import ClauseReport
import ClauseRules
import Foundation
import Testing

/// Reports for the reporter tests: the real sample results, and variants of them that reach
/// cases the samples do not (evaluation errors, a baseline, hostile text, several snapshots).
enum ReportFixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// `clause check samples/acme-2026-q2.yaml --waivers samples/waivers.yaml --format json`.
    static func waived() throws -> CheckReport {
        let data = try Data(contentsOf: folder.appendingPathComponent("acme-2026-q2-waived.json"))
        return try JSONReporter.decode(Array(data))
    }

    /// Text that breaks naive XML, HTML, Markdown and JSON writers.
    static let hostile = "a|b <tag attr=\"x\"> & 'q' *bold* _u_ `tick` [l](u) $x$ ]]> \\ \u{1}\u{0}\u{FFFE} tab\tcr\rnl\n😀 e\u{301}"

    /// The waived sample, with: one finding turned into an evaluation error, one with no line, a
    /// hostile message and key, a baseline marking alternate findings unchanged, and a second
    /// document of the same file with a relative path that needs percent-encoding.
    static func varied() throws -> CheckReport {
        var report = try waived()
        report.baseline = "baseline results.json"
        var snapshot = report.snapshots[0]
        for i in snapshot.findings.indices {
            snapshot.findings[i].baseline = i.isMultiple(of: 2) ? "unchanged" : "new"
        }
        let failing = snapshot.findings.indices.filter { snapshot.findings[$0].outcome == .fail }
        snapshot.findings[failing[0]].outcome = .error
        snapshot.findings[failing[0]].message = "no such key: 'sla'"
        if let r = snapshot.rules.firstIndex(where: { $0.rule == snapshot.findings[failing[0]].rule }) {
            snapshot.rules[r].fail -= 1
            snapshot.rules[r].error += 1
        }
        snapshot.findings[failing[1]].line = nil
        snapshot.findings[failing[1]].column = nil
        snapshot.findings[failing[2]].message = hostile
        snapshot.findings[failing[2]].key = hostile
        snapshot.findings[failing[2]].remediation = hostile
        var second = snapshot
        second.document = 1
        second.file = "snap shots/q2 #1.yaml"
        for i in second.findings.indices { second.findings[i].file = second.file }
        report.snapshots = [snapshot, second]
        return report
    }

    static func findings(_ report: CheckReport) -> [Finding] { report.snapshots.flatMap(\.findings) }

    static func count(_ report: CheckReport, _ outcome: Outcome) -> Int {
        findings(report).filter { $0.outcome == outcome }.count
    }
}

/// Runs `python3 -c SCRIPT ARGS...` and returns its status and output; a missing interpreter is
/// a test failure with a message saying so, never a silent skip.
enum Python {
    struct Run {
        var status: Int32
        var output: String
    }

    static func run(_ script: String, _ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    /// Validates the SARIF log at `path` against the SARIF 2.1.0 schema in Fixtures; records a
    /// failure (with the validator's message) when it does not validate or cannot be checked.
    static func validateSARIF(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clause-sarif-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("report.sarif")
        try Data(text.utf8).write(to: log)
        let script = """
            import json, sys
            try:
                import jsonschema
            except ImportError:
                print("python3 has no 'jsonschema' module: install it (pip install jsonschema) to validate SARIF"); sys.exit(3)
            schema = json.load(open(sys.argv[2]))
            errors = sorted(jsonschema.validators.validator_for(schema)(schema).iter_errors(json.load(open(sys.argv[1]))), key=lambda e: list(e.path))
            for e in errors[:5]: print("/".join(map(str, e.path)) + ": " + e.message[:300])
            sys.exit(1 if errors else 0)
            """
        let schema = ReportFixtures.folder.appendingPathComponent("sarif-schema-2.1.0.json").path
        let result: Run
        do {
            result = try run(script, [log.path, schema])
        } catch {
            Issue.record("cannot run python3 to validate SARIF (is it installed?): \(error)", sourceLocation: sourceLocation)
            return
        }
        if result.status == 127 {
            Issue.record("python3 is not installed: it is needed to validate SARIF against the schema", sourceLocation: sourceLocation)
        } else {
            #expect(result.status == 0, "SARIF does not validate against the 2.1.0 schema:\n\(result.output)", sourceLocation: sourceLocation)
        }
    }
}
