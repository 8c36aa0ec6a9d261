import ClauseDiagnostics
import ClauseDocument
@testable import ClauseImport
import ClauseSchema
import ClauseValue
import Foundation
import Testing

/// Every shipped preset on an export shaped like the real one (field names, display values,
/// date layouts, reference fields, event-log rows): the records it must give, and in `bad/`
/// the records it must reject, each at its line and column. See Fixtures/presets/README.md.
@Suite struct PresetFixtureTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/presets")
    static let presets = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("rules/iso20000-1/presets").path

    /// Every folder holding a manifest.yaml, relative to the fixtures root.
    static let cases: [String] = {
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        var out: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if (path as NSString).lastPathComponent == "manifest.yaml" { out.append((path as NSString).deletingLastPathComponent) }
        }
        return out.sorted()
    }()

    static func json(_ url: URL) throws -> Value {
        var options = LoadOptions()
        options.format = .json
        return try DocumentLoader.load(path: url.path, options: options)[0].root
    }

    @Test func everyPresetHasAFixture() throws {
        let shipped = try FileManager.default.contentsOfDirectory(atPath: Self.presets).filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }
        #expect(shipped.count >= 12)
        for name in shipped { #expect(Self.cases.contains(name), "no fixture for preset \(name)") }
    }

    @Test(arguments: cases) func presetGivesTheExpectedRecords(_ folder: String) throws {
        let dir = Self.root.appendingPathComponent(folder)
        let assembled = try SnapshotAssembler.assemble(ManifestLoader.load(path: dir.appendingPathComponent("manifest.yaml").path, presets: Self.presets))
        let root = try #require(assembled.document.root.mapValue)
        let section = try #require(assembled.summaries.first?.section)
        var records = try #require(root[section]?.listValue).elements
        var expected = try #require(Self.json(dir.appendingPathComponent("expected.json")).listValue).elements
        if folder.hasSuffix("event-log") {
            // The order of collapsed records is not part of the contract: compare by id.
            records.sort { JSONWriter.string($0) < JSONWriter.string($1) }
            expected.sort { JSONWriter.string($0) < JSONWriter.string($1) }
        }
        // Equal as values: field order is not part of the contract.
        #expect(records.count == expected.count)
        for (got, want) in zip(records, expected) { #expect(got == want, "\(JSONWriter.string(got))\nexpected \(JSONWriter.string(want))") }

        let rejectedFile = dir.appendingPathComponent("expected-rejected.json")
        let rejected = root["sources"]?.mapValue?[section]?.mapValue?["rejected"]?.listValue?.elements ?? []
        guard FileManager.default.fileExists(atPath: rejectedFile.path) else {
            #expect(rejected.isEmpty, "\(rejected.map(JSONWriter.string))")
            return
        }
        let wanted = try #require(Self.json(rejectedFile).listValue).elements
        #expect(rejected.count == wanted.count, "\(rejected.map(JSONWriter.string))")
        for (got, want) in zip(rejected, wanted) {
            let g = try #require(got.mapValue), w = try #require(want.mapValue)
            #expect(g["line"] == w["line"] && (w["column"] == nil || g["column"] == w["column"]), "\(JSONWriter.string(got)) vs \(JSONWriter.string(want))")
            #expect(g["message"]?.stringValue?.contains(w["message"]?.stringValue ?? "?") == true, "\(JSONWriter.string(got))")
            if let file = w["file"]?.stringValue { #expect(g["file"]?.stringValue?.hasSuffix(file) == true, "\(JSONWriter.string(got))") }
        }
    }
}

/// The manifest schema editors use (schemas/snapshot-manifest.schema.json) accepts every
/// manifest the project ships, and rejects the misspelling a user would make.
@Suite struct ManifestSchemaTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func schema() throws -> JSONSchema {
        var options = LoadOptions()
        options.format = .json
        let document = try DocumentLoader.load(path: repository.appendingPathComponent("schemas/snapshot-manifest.schema.json").path, options: options)[0]
        return try JSONSchema(document.root, rootMark: document.rootMark, source: document.source)
    }

    static let manifests: [String] = ["samples/acme-exports/manifest.yaml"]
        + PresetFixtureTests.cases.map { "Tests/ClauseImportTests/Fixtures/presets/\($0)/manifest.yaml" }

    @Test(arguments: manifests) func shippedManifestsMatchTheSchema(_ path: String) throws {
        let document = try DocumentLoader.load(path: Self.repository.appendingPathComponent(path).path)[0]
        let violations = try Self.schema().validate(document.root, rootMark: document.rootMark, now: Timestamp(seconds: 1_800_000_000))
        #expect(violations.isEmpty, "\(violations.map { "\($0.mark): \($0.message)" })")
    }

    @Test func aMisspeltFieldIsReported() throws {
        let document = try DocumentLoader.load(text: "manifest: clause-snapshot/1\nsections:\n  incidents: {form: x.csv, system: s, map: {id: row.a}}\n", name: "m.yaml")[0]
        let violations = try Self.schema().validate(document.root, rootMark: document.rootMark, now: Timestamp(seconds: 1_800_000_000))
        #expect(violations.map(\.path) == ["sections.incidents.form"])
    }
}
