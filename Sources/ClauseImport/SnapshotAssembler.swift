import ClauseDiagnostics
import ClauseDocument
import ClauseExpression
import ClauseRules
import ClauseValue
import Foundation

/// What happened to one section's export: printed by `clause snapshot`, and written to the
/// section's `sources` block, so that no row goes missing without a count.
public struct ImportSummary: Sendable, Equatable {
    /// The snapshot section the export fills.
    public var section: String
    /// The export as the manifest names it.
    public var file: String
    /// Records read from the export (CSV rows, JSON records, Markdown files).
    public var rows = 0
    /// Records that became records of the section.
    public var kept = 0
    /// Rows of an event log merged into the latest row of their key.
    public var collapsed = 0
    /// Rows the section's `filter` left out, on purpose.
    public var filtered = 0
    /// Rows refused for a problem (each one listed in the section's `sources` block).
    public var rejected = 0
}

/// A snapshot built from a manifest, and the counts per imported section.
public struct AssembledSnapshot: Sendable {
    /// The snapshot, its records located in the exports they came from.
    public var document: Document
    /// Per imported section, what happened to its export's rows.
    public var summaries: [ImportSummary]
}

/// Builds a snapshot from a manifest: hand-kept sections as written, imported sections record
/// by record, and a `sources` block saying where each came from and what was lost on the way.
public enum SnapshotAssembler {
    /// Structural problems (a missing export, a column not in the header) of every section are
    /// reported together; a bad record only rejects itself (`sources.<section>.rejected`).
    public static func assemble(_ manifest: Manifest) throws(DiagnosticError) -> AssembledSnapshot {
        var diagnostics: [Diagnostic] = []
        var sources: [String: SourceText] = [manifest.path: manifest.source]
        var keys: [Value] = [], values: [Value] = [], marks: [SourceMark] = []
        var sectionFiles: [String: String] = [:]
        var recordFiles: [String: [String]] = [:]
        var origin: [String: SourceLocation] = [:]
        var contentSize = manifest.source.size
        func add(_ name: String, _ value: Value, _ mark: SourceMark, file: String, at location: SourceLocation) {
            if let first = origin[name] {
                diagnostics.append(Diagnostic(.error, at: location, "section '\(name)' comes from two places; the first is \(first)"))
                return
            }
            origin[name] = location
            keys.append(.string(name))
            values.append(value)
            marks.append(mark)
            if file != manifest.path { sectionFiles[name] = file }
        }
        let here = { (mark: SourceMark) in SourceLocation(file: manifest.path, mark: mark) }
        if let (value, mark) = manifest.asOf { add("as_of", value, mark, file: manifest.path, at: here(mark)) }
        if let (value, mark) = manifest.period { add("period", value, mark, file: manifest.path, at: here(mark)) }
        var handKeptSources: ValueMap?
        for include in manifest.includes {
            do {
                let document = try DocumentLoader.load(path: include.path)[0]
                sources[include.path] = document.source
                contentSize += document.source.size
                guard case .map(let map) = document.root else {
                    diagnostics.append(Diagnostic(.error, at: SourceLocation(file: include.path, mark: document.rootMark), "an included file must be a mapping of sections"))
                    continue
                }
                for i in 0..<map.count {
                    guard let name = map.key(at: i).stringValue else { continue }
                    if name == "sources", case .map(let s) = map.value(at: i) { handKeptSources = s; sectionFiles["sources"] = include.path; continue }
                    add(name, map.value(at: i), map.mark(at: i), file: include.path, at: SourceLocation(file: include.path, mark: map.mark(at: i)))
                }
            } catch {
                diagnostics.append(error.diagnostic)
                if let source = error.source { sources[include.path] = source }
            }
        }
        var summaries: [ImportSummary] = []
        var provenance: [(String, Value, SourceMark)] = []
        for section in manifest.sections {
            do {
                let imported = try SectionAssembly(section: section, manifestFolder: (manifest.path as NSString).deletingLastPathComponent).run()
                contentSize += imported.bytes
                add(section.name, imported.records, SourceMark(line: 1, column: 1), file: section.export.path, at: here(section.mark))
                if let files = imported.files { recordFiles[section.name] = files }
                provenance.append((section.name, imported.provenance, section.mark))
                summaries.append(imported.summary)
            } catch {
                diagnostics += error.diagnostics
                sources.merge(error.sources) { a, _ in a }
            }
        }
        if !diagnostics.isEmpty { throw DiagnosticError(diagnostics.sorted(), sources: sources) }
        if !provenance.isEmpty || handKeptSources != nil {
            var sKeys: [Value] = [], sValues: [Value] = [], sMarks: [SourceMark] = []
            if let handKeptSources {
                for i in 0..<handKeptSources.count {
                    sKeys.append(handKeptSources.key(at: i)); sValues.append(handKeptSources.value(at: i)); sMarks.append(handKeptSources.mark(at: i))
                }
            }
            for (name, value, mark) in provenance {
                if sKeys.contains(.string(name)) {
                    throw DiagnosticError(Diagnostic(.error, at: here(mark), "section '\(name)' is imported, so its 'sources' entry is written by the import, not by hand"), source: manifest.source)
                }
                sKeys.append(.string(name)); sValues.append(value); sMarks.append(mark)
            }
            keys.append(.string("sources"))
            values.append(.map(ValueMap(keys: sKeys, values: sValues, marks: sMarks)))
            marks.append(manifest.sections.first?.mark ?? SourceMark(line: 1, column: 1))
            // Imported sections' entries point at their manifest entry (hand-kept ones keep
            // their marks, and are in the manifest's file only when nothing was imported).
            if !provenance.isEmpty { sectionFiles["sources"] = nil }
        }
        var document = Document(source: manifest.source, root: .map(ValueMap(keys: keys, values: values, marks: marks)),
                                rootMark: SourceMark(line: 1, column: 1), index: 0)
        document.sectionFiles = sectionFiles
        document.recordFiles = recordFiles
        document.contentSize = contentSize
        return AssembledSnapshot(document: document, summaries: summaries)
    }
}
