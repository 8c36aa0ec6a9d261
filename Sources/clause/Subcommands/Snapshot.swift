import ArgumentParser
import ClauseDiagnostics
import ClauseDocument
import ClauseImport
import ClauseRules
import ClauseValue
import Foundation

/// Assembles a snapshot from an organisation's exports, as a snapshot manifest describes.
struct Snapshot: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Assemble a snapshot from ITSM exports, as a snapshot manifest describes.",
        discussion: """
        Prints, per imported section, the rows read and the records kept, collapsed, filtered \
        and rejected, then checks the snapshot against the pack's schema. Exit 0 when every \
        record was imported, 1 when some were rejected (the snapshot is still written, with \
        the rejections in its sources block), 2 on a manifest or export that cannot be read.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case yaml, json
    }

    @Argument(help: "The snapshot manifest (YAML, 'manifest: clause-snapshot/1').")
    var manifest: String

    @Option(help: "Write the snapshot to this file instead of standard output.")
    var output: String?

    @Option(help: "Snapshot format: yaml or json (default: from --output's extension, else yaml).")
    var format: Format?

    @Option(help: "Rule pack whose presets and schema to use (default: the shipped ISO/IEC 20000-1 pack).")
    var pack: String?

    func validate() throws {
        try CommandSupport.checkOutputs(output.map { [$0] } ?? [], inputs: [manifest])
    }

    func run() throws {
        let document: Document
        do {
            document = try DocumentLoader.load(path: manifest)[0]
        } catch {
            throw Failure.badInput(error)
        }
        guard ManifestLoader.isManifest(document) else {
            throw Failure.badInput("\(manifest) is not a snapshot manifest: its first key must be 'manifest: \(ManifestLoader.marker)'")
        }
        let assembled = try SnapshotEvaluation.assemble(document, pack: pack.map { [$0] } ?? [])
        func t(_ text: String) -> String { TerminalText.escaped(text, lines: false) }
        var report = ""
        for s in assembled.summaries {
            report += "\(t(s.section)): \(t(s.file)): \(s.rows) rows read, \(s.kept) kept, \(s.collapsed) collapsed, \(s.filtered) filtered, \(s.rejected) rejected\n"
        }
        if let schema = try CommandSupport.loadPack(pack.map { [$0] } ?? []).schema {
            // A malformed `as_of` is a located error here too, never a silent switch to today.
            let now = try CommandSupport.evaluationTime(nil, document: assembled.document).0
            let violations = schema.validate(assembled.document.root, rootMark: assembled.document.rootMark, now: SchemaClock.endOfDay(now))
            report += violations.isEmpty ? "the snapshot matches the pack's schema\n" : "the snapshot has \(violations.count) schema problems (clause check reports each):\n"
            for v in violations.prefix(20) {
                report += "  \(t(assembled.document.fileName(at: v.path))):\(v.mark): \(t(v.message))\n"
            }
        }
        StandardError.write(report)
        let json = format == .json || (format == nil && output?.lowercased().hasSuffix(".json") == true)
        let text = json ? JSONWriter.string(assembled.document.root) + "\n" : YAMLWriter.string(assembled.document.root)
        try CommandSupport.emit(text, to: output)
        if assembled.summaries.contains(where: { $0.rejected > 0 }) { throw ExitCode(1) }
    }
}
