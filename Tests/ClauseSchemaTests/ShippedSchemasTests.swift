import ClauseDocument
import ClauseSchema
import ClauseValue
import Foundation
import Testing

/// The editor schemas in `schemas/` are compiled by Clause's own validator, and every shipped
/// pack file, sample and example is valid against the one its `yaml-language-server` line names:
/// an editor that completes from them never suggests what Clause would refuse.
@Suite struct ShippedSchemasTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every YAML file in the project that names a schema of `schemas/` on its first line.
    static var files: [String] {
        let folders = ["rules", "samples"]
        var out: [String] = []
        for folder in folders {
            let enumerator = FileManager.default.enumerator(atPath: root.appendingPathComponent(folder).path)
            while let name = enumerator?.nextObject() as? String {
                guard name.hasSuffix(".yaml"), let first = firstLine(of: folder + "/" + name), first.hasPrefix("# yaml-language-server: $schema=") else { continue }
                out.append(folder + "/" + name)
            }
        }
        return out.sorted()
    }

    static func firstLine(of path: String) -> String? {
        guard let text = try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8) else { return nil }
        return text.split(separator: "\n", maxSplits: 1).first.map(String.init)
    }

    static func load(_ path: String, format: LoadOptions.Format) throws -> Document {
        var options = LoadOptions()
        options.format = format
        return try DocumentLoader.load(path: root.appendingPathComponent(path).path, options: options)[0]
    }

    static func schema(for path: String) throws -> JSONSchema {
        let line = try #require(firstLine(of: path))
        let relative = String(line.dropFirst("# yaml-language-server: $schema=".count))
        let schemaPath = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(relative).standardized.relativePath
        let document = try load(schemaPath, format: .json)
        return try JSONSchema(document.root, rootMark: document.rootMark, source: document.source)
    }

    @Test func theShippedFilesNameTheirSchemas() {
        let found = Set(Self.files)
        for expected in ["rules/iso20000-1/pack.yaml", "rules/iso20000-1/clauses.yaml", "rules/iso20000-1/8.6-resolution-fulfilment.yaml",
                         "rules/examples/acme-extra/tailoring.yaml", "rules/examples/acme-extra/acme-rules.yaml",
                         "rules/examples/acme-extra/pack.yaml", "samples/waivers.yaml"] {
            #expect(found.contains(expected), "\(expected)")
        }
    }

    @Test(arguments: files)
    func aShippedFileIsValid(path: String) throws {
        let schema = try Self.schema(for: path)
        let document = try Self.load(path, format: .yaml)
        let violations = schema.validate(document.root, rootMark: document.rootMark, now: nil)
        #expect(violations.isEmpty, "\(violations.map { "\($0.path): \($0.message)" })")
    }

    /// The schemas are not a formality: a misspelt field, a wrong severity and a missing
    /// rationale are each refused.
    @Test(arguments: [
        ("rules/iso20000-1/pack.yaml", "version: 2.0.0", "versoin: 2.0.0"),
        ("rules/iso20000-1/4-context.yaml", "severity: minor", "severity: critical"),
        ("rules/examples/acme-extra/tailoring.yaml", "    rationale: Known errors", "    reason: Known errors"),
        ("samples/waivers.yaml", "approved_by:", "approved:"),
    ])
    func aBrokenFileIsRefused(path: String, find: String, replace: String) throws {
        let schema = try Self.schema(for: path)
        let text = try String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8)
        #expect(text.contains(find))
        var options = LoadOptions()
        options.format = .yaml
        let broken = try DocumentLoader.load(text: text.replacingOccurrences(of: find, with: replace), name: path, options: options)[0]
        #expect(!schema.validate(broken.root, rootMark: broken.rootMark, now: nil).isEmpty)
    }
}
