import ClauseDiagnostics
import ClauseDocument
import ClauseSchema
import ClauseValue
import Foundation
import Testing

/// Violations point at the line and column of the offending value in the user's file.
@Suite struct SourceMarkTests {
    @Test func marksPointIntoAYAMLFileOnDisk() throws {
        let schema = try SchemaFixtures.schema(SchemaFixtures.snapshotSchema)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("clause-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("snapshot.yaml").path
        try """
        as_of: 2026-06-30
        services:
          - id: SVC-1
            status: Live
          - owner: ops
            status: live
        incidnets: []
        labels:
          team: 3
        """.write(toFile: path, atomically: true, encoding: .utf8)

        let document = try DocumentLoader.load(path: path)[0]
        let violations = schema.validate(document.root, rootMark: document.rootMark, now: nil)
        let located = violations.map { "\($0.mark) \($0.kind.rawValue) \($0.path)" }
        #expect(located == [
            "4:13 enumeration services[0].status",   // the value 'Live'
            "5:5 required services[1]",              // the object missing 'id' starts at its first key
            "7:1 unknownProperty incidnets",         // the key, not its value
            "9:9 type labels.team",
        ])
    }

    @Test func marksPointIntoAJSONDocument() throws {
        let schema = try SchemaFixtures.schema(#"{"items": {"type": "string"}}"#)
        let document = try SchemaFixtures.load("[\n  \"a\",\n  2\n]", name: "list.json")
        let violations = schema.validate(document.root, rootMark: document.rootMark, now: nil)
        #expect(violations.map(\.mark) == [SourceMark(line: 3, column: 3)])
        #expect(violations.map(\.message) == ["[1]: 2 is not a string"])
    }
}
