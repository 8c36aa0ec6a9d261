import ClauseDiagnostics
import Testing

/// The caret under the character a diagnostic points at, whatever the line holds.
@Suite struct DiagnosticRenderingTests {
    static func render(_ line: String, column: Int, notes: [String] = [], window: Int = 160) -> [String] {
        let source = SourceText(name: "x.yaml", text: "first: 1\n" + line + "\n")
        let d = Diagnostic(.error, at: SourceLocation(file: "x.yaml", line: 2, column: column), "bad value", notes: notes)
        return d.rendered(source: source, window: window).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var line: String
        var column: Int
        /// The caret line as it must be printed.
        var caret: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "ASCII", line: "key: value", column: 6, caret: "         ^"),
        Case(name: "tabs stay tabs", line: "\tkey:\tvalue", column: 7, caret: "    \t    \t^"),
        Case(name: "wide characters take two cells", line: "名前: 値です", column: 5, caret: "          ^"),
        Case(name: "combining marks take none", line: "cafe\u{301}: x", column: 8, caret: "          ^"),
        Case(name: "an emoji takes two cells", line: "s: 🔥 x", column: 6, caret: "          ^"),
        Case(name: "a control character is shown escaped, padded to match", line: "a\u{1B}b: c", column: 3, caret: "           ^"),
        Case(name: "past the end of the line", line: "k: v", column: 9, caret: "        ^"),
    ]

    @Test(arguments: cases) func caretUnderTheCharacter(_ c: Case) {
        let lines = Self.render(c.line, column: c.column)
        #expect(lines.count == 3)
        #expect(lines[0] == "x.yaml:2:\(c.column): error: bad value")
        #expect(lines[2] == c.caret, "\(lines[1])")
    }

    @Test func notesFollowTheCaret() {
        let lines = Self.render("stauts: live", column: 1, notes: ["did you mean 'status'?", "line\u{1B}[2J"])
        #expect(lines[3] == "    note: did you mean 'status'?")
        #expect(lines[4] == "    note: line\\u{1b}[2J")
    }

    /// A long line is windowed around the column: the character pointed at is shown, with the
    /// caret under it, and the cut ends are marked.
    @Test func aLongLineIsWindowedAroundTheColumn() {
        let line = String(repeating: "a", count: 499) + "X" + String(repeating: "b", count: 500)
        let lines = Self.render(line, column: 500, window: 40)
        #expect(lines[1] == "    …" + String(repeating: "a", count: 20) + "X" + String(repeating: "b", count: 19) + "…")
        #expect(lines[2] == "     " + String(repeating: " ", count: 20) + "^")
        // Near the start: no cut at the front.
        let start = Self.render(line, column: 3, window: 40)
        #expect(start[1] == "    " + String(repeating: "a", count: 40) + "…")
        #expect(start[2] == "      ^")
        // Near the end: no cut at the back.
        let end = Self.render(line, column: 1000, window: 40)
        #expect(end[1] == "    …" + String(repeating: "b", count: 40))
        #expect(end[2] == "     " + String(repeating: " ", count: 39) + "^")
    }
}
