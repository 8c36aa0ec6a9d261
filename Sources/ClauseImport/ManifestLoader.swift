import ClauseDiagnostics
import ClauseDocument
import ClauseExpression
import ClauseRules
import ClauseValue
import Foundation

/// Reads a snapshot manifest and the presets it names, reporting every problem at once, each
/// located in the manifest or the preset file it comes from.
public enum ManifestLoader {
    /// The value of a manifest's `manifest:` key.
    public static let marker = "clause-snapshot/1"

    /// Whether `document` is a manifest rather than a snapshot: it says so in its first key.
    public static func isManifest(_ document: Document) -> Bool {
        document.root.mapValue?["manifest"] == .string(marker)
    }

    /// Loads the manifest at `path`; presets are looked up in `presets` (a pack's presets folder).
    public static func load(path: String, presets: String?) throws(DiagnosticError) -> Manifest {
        let document: Document
        do {
            document = try DocumentLoader.load(path: path, options: { var o = LoadOptions(); o.format = .yaml; o.recordScalars = true; return o }())[0]
        } catch {
            throw error.diagnosticError
        }
        return try load(document, presets: presets)
    }

    /// Reads an already loaded manifest document.
    public static func load(_ document: Document, presets: String?) throws(DiagnosticError) -> Manifest {
        var diagnostics: [Diagnostic] = []
        var sources: [String: SourceText] = [document.fileName: document.source]
        let folder = (document.fileName as NSString).deletingLastPathComponent
        var top = FieldReader(document.root, mark: document.rootMark, source: document.source, what: "the manifest", diagnostics: &diagnostics)
        if let (value, mark) = top.raw("manifest", required: true), value != .string(marker) {
            top.error(at: mark, "'manifest' must be '\(marker)'")
        }
        let asOf = top.raw("as_of", required: false)
        let period = top.raw("period", required: false)
        var includes: [IncludedFile] = []
        for (name, mark) in top.strings("include", required: false) ?? [] {
            if let path = resolve(name, in: folder, mark: mark, what: "included file", reader: &top, directory: false) {
                includes.append(IncludedFile(name: name, path: path, mark: mark))
            }
        }
        var sections: [SectionImport] = []
        if let (value, mark) = top.raw("sections", required: true) {
            if case .map(let map) = value {
                for i in 0..<map.count {
                    guard case .string(let name) = map.keys[i] else {
                        top.error(at: map.mark(at: i), "a section name must be a string")
                        continue
                    }
                    var reader = FieldReader(map.values[i], mark: map.mark(at: i), source: document.source, what: "section '\(name)'", diagnostics: &diagnostics)
                    var fields = SectionFields.read(&reader, preset: false)
                    if let (presetName, presetMark) = fields.preset {
                        if let preset = loadPreset(presetName, at: presetMark, folder: presets, reader: &reader, sources: &sources, diagnostics: &diagnostics) {
                            fields = preset.overridden(by: fields)
                        }
                    }
                    diagnostics += reader.diagnostics
                    if let section = fields.build(name: name, mark: map.mark(at: i), folder: folder, manifest: document.source, diagnostics: &diagnostics) {
                        sections.append(section)
                    }
                }
            } else {
                top.error(at: mark, "'sections' must be a mapping of section name to its source, not \(FieldReader.kind(value))")
            }
        }
        top.finish(allowed: ["manifest", "as_of", "period", "include", "sections"])
        diagnostics += top.diagnostics
        if !diagnostics.isEmpty { throw DiagnosticError(diagnostics.sorted(), sources: sources) }
        return Manifest(path: document.fileName, source: document.source, asOf: asOf, period: period, includes: includes, sections: sections)
    }

    static func resolve(_ name: String, in folder: String, mark: SourceMark, what: String, reader: inout FieldReader, directory: Bool) -> String? {
        switch PackPath.resolve(name, in: folder.isEmpty ? "." : folder, directory: directory) {
        case .success(let path): return path
        case .failure(let refusal):
            reader.error(at: mark, refusal.message(what, name, owner: "manifest"))
            return nil
        }
    }

    private static func loadPreset(_ name: String, at mark: SourceMark, folder: String?, reader: inout FieldReader,
                                   sources: inout [String: SourceText], diagnostics: inout [Diagnostic]) -> SectionFields? {
        let known = folder.map { (try? FileManager.default.contentsOfDirectory(atPath: $0)) ?? [] }?
            .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted() ?? []
        guard let folder, known.contains(name) else {
            reader.error(at: mark, "no preset '\(name)'" + (folder == nil ? " (no pack with presets was found)" : ""),
                         notes: Suggestion.closest(to: name, among: known).map { ["did you mean '\($0)'?"] } ?? [])
            return nil
        }
        let path = (folder as NSString).appendingPathComponent(name + ".yaml")
        do {
            let document = try DocumentLoader.load(path: path, options: { var o = LoadOptions(); o.format = .yaml; o.recordScalars = true; return o }())[0]
            sources[path] = document.source
            var presetReader = FieldReader(document.root, mark: document.rootMark, source: document.source, what: "preset '\(name)'", diagnostics: &diagnostics)
            let fields = SectionFields.read(&presetReader, preset: true)
            diagnostics += presetReader.diagnostics
            return fields
        } catch {
            diagnostics.append(error.diagnostic)
            if let source = error.source { sources[path] = source }
            return nil
        }
    }
}
