import ArgumentParser
import ClauseDiagnostics
import ClauseDocument
import ClauseReport
import ClauseRules
import ClauseValue
import Foundation

/// Evaluates a pack against snapshots and gates on the result.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate a rule pack against snapshots and report nonconformities.",
        discussion: "Exit 0 when the gate passes, 1 when nonconformities at or above --fail-on (or rule errors) are found, 2 on bad input."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "Snapshot files (YAML or JSON); each document is one snapshot.")
    var snapshots: [String]

    @Option(help: "Rule pack folder or file (default: the shipped ISO/IEC 20000-1 pack).")
    var pack: String?

    @Option(name: .customLong("as-of"), help: "Evaluation date (YYYY-MM-DD or RFC 3339); default: the snapshot's as_of, else now.")
    var asOf: String?

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Option(help: "Write the report to this file instead of standard output.")
    var output: String?

    @Option(name: .customLong("fail-on"), help: "Lowest severity that fails the gate: major, minor, observation or none.")
    var failOn: String = "minor"

    @Option(name: .customLong("rule"), help: "Run only this rule (repeatable).")
    var rules: [String] = []

    @Option(name: .customLong("clause"), help: "Run only rules citing this clause or its subclauses (repeatable).")
    var clauses: [String] = []

    @Option(help: "Run only rules of this audit stage: documentation or operation.")
    var stage: String?

    func validate() throws {
        if failOn != "none" && Severity(rawValue: failOn) == nil {
            throw ValidationError("--fail-on must be major, minor, observation or none")
        }
        if let stage, Stage(rawValue: stage) == nil {
            throw ValidationError("--stage must be documentation or operation")
        }
    }

    func run() throws {
        let pack = try Self.loadPack(self.pack)
        let selection = RuleSelection(rules: Set(rules), clausePrefixes: clauses, stage: stage.flatMap(Stage.init(rawValue:)))
        if !rules.isEmpty, let unknown = rules.first(where: { id in !pack.rules.contains { $0.id == id } }) {
            throw Failure.badInput("no rule '\(unknown)' in pack \(pack.id)")
        }
        let engine = Engine(pack: pack, selection: selection)
        let fixedNow = try asOf.map(Self.parseDate)
        var results: [SnapshotResult] = []
        for file in snapshots {
            let documents: [Document]
            do {
                documents = try DocumentLoader.load(path: file)
            } catch {
                throw Failure.badInput(error)
            }
            let digest = SHA256.hex(documents.first?.source.bytes ?? [])
            for document in documents {
                guard document.root.mapValue != nil else {
                    throw Failure.badInput(DiagnosticError(Diagnostic(.error, at: SourceLocation(file: file, mark: document.rootMark), "a snapshot must be a mapping of sections"), source: document.source))
                }
                let (now, source) = try Self.evaluationTime(fixedNow, document: document)
                results.append(engine.evaluate(document, now: now, asOfSource: source, sha256: digest))
            }
        }
        let report = CheckReport(toolVersion: ClauseVersion.string, pack: pack, snapshots: results, failOn: Severity(rawValue: failOn))
        let text: String
        switch format {
        case .text: text = TextReporter.render(report, colour: output == nil && StandardOutputInfo.isTerminal)
        case .json: text = JSONReporter.render(report)
        }
        try Self.emit(text, to: output)
        if !report.gatePassed { throw ExitCode(1) }
    }

    static func loadPack(_ path: String?) throws -> Pack {
        guard let path = path ?? PackLocator.defaultPack() else {
            throw Failure.badInput("the shipped pack was not found; give one with --pack")
        }
        do {
            return try PackLoader.load(path: path)
        } catch {
            throw Failure.badInput(error)
        }
    }

    static func parseDate(_ text: String) throws -> Timestamp {
        if let t = Timestamp(date: text) ?? Timestamp(rfc3339: text) { return t }
        throw Failure.badInput("'\(text)' is not a date (YYYY-MM-DD) or an RFC 3339 time")
    }

    /// `--as-of`, else the snapshot's own `as_of`, else the wall clock; says which.
    static func evaluationTime(_ fixed: Timestamp?, document: Document) throws -> (Timestamp, String) {
        if let fixed { return (fixed, "option") }
        if let map = document.root.mapValue, let i = map.position(ofString: "as_of") {
            guard case .string(let text) = map.values[i], let t = Timestamp(date: text) ?? Timestamp(rfc3339: text) else {
                throw Failure.badInput(DiagnosticError(Diagnostic(.error, at: SourceLocation(file: document.fileName, mark: map.mark(at: i)), "'as_of' must be a date (YYYY-MM-DD) or an RFC 3339 time"), source: document.source))
            }
            return (t, "snapshot")
        }
        let seconds = Int64(Date().timeIntervalSince1970)
        return (Timestamp(seconds: seconds), "clock")
    }

    static func emit(_ text: String, to output: String?) throws {
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: Data(text.utf8)) else {
                throw Failure.badInput("cannot write \(output)")
            }
        } else {
            var stdout = StandardOutput()
            stdout.write(text)
        }
    }
}
