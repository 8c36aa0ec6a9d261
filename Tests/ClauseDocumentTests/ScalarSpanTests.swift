import ClauseDiagnostics
import ClauseDocument
import Foundation
import Testing

/// `LoadOptions.recordScalars`: each scalar's style and extent as libyaml parsed it, keyed by the
/// mark its value carries, with the start moved past an anchor or tag; nothing when not asked.
@Suite struct ScalarSpanTests {
    static func load(_ text: String, record: Bool) throws -> Document {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("clause-spans-\(UUID().uuidString).yaml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        var options = LoadOptions()
        options.recordScalars = record
        return try DocumentLoader.load(path: url.path, options: options)[0]
    }

    @Test func stylesAndExtentsAreRecordedWhenAsked() throws {
        let text = "a: plain text\nb: 'single'\nc: \"double\"\nd: &x !!str 'tagged'\ne: |\n  block\nf: >-\n  folded\n"
        let document = try Self.load(text, record: true)
        let map = try #require(document.root.mapValue)
        func span(_ key: String) throws -> ScalarSpan {
            let i = try #require(map.position(ofString: key))
            return try #require(document.source.scalars[map.mark(at: i)])
        }
        #expect(try span("a") == ScalarSpan(style: .plain, start: SourceMark(line: 1, column: 4), end: SourceMark(line: 1, column: 14)))
        #expect(try span("b") == ScalarSpan(style: .singleQuoted, start: SourceMark(line: 2, column: 4), end: SourceMark(line: 2, column: 12)))
        #expect(try span("c").style == .doubleQuoted)
        // The value's mark is at the anchor; the scalar itself starts at its quote.
        let tagged = try #require(map.position(ofString: "d"))
        #expect(map.mark(at: tagged) == SourceMark(line: 4, column: 4))
        #expect(try span("d") == ScalarSpan(style: .singleQuoted, start: SourceMark(line: 4, column: 13), end: SourceMark(line: 4, column: 21)))
        #expect(try span("e").style == .literal)
        #expect(try span("f").style == .folded)
        // Keys are scalars too.
        #expect(document.source.scalars.count == 12)
    }

    /// The start after an anchor or tag is found by walking the bytes forward once: columns in
    /// Unicode scalars after non-ASCII text, a byte order mark, CRLF, and a tag on its own line.
    @Test func startsAfterAnchorsAndTagsAnywhere() throws {
        let text = "\u{FEFF}é: &x 'v'\r\nnäme: !!str\r\n  &y \"w\"\r\nz: [&a 1, &b !!str two]\r\n"
        let document = try Self.load(text, record: true)
        let starts = document.source.scalars.values.filter { $0.start.line > 0 }.map(\.start.description).sorted()
        #expect(starts.contains("1:7"))   // 'v'
        #expect(starts.contains("3:6"))   // "w", on the line after its tag
        #expect(starts.contains("4:8"))   // 1
        #expect(starts.contains("4:20"))  // two
    }

    @Test func nothingIsRecordedByDefault() throws {
        #expect(try Self.load("a: 'x'\n", record: false).source.scalars.isEmpty)
    }
}
