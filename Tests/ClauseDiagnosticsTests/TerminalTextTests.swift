import ClauseDiagnostics
import Testing

/// What Clause prints from files never carries control characters to a terminal or CI log.
@Suite struct TerminalTextTests {
    @Test func controlCharactersAreShownNotSent() {
        #expect(TerminalText.escaped("a\u{1B}[2Jb\u{07}") == "a\\u{1b}[2Jb\\u{7}")
        #expect(TerminalText.escaped("one\n::add-mask::x", lines: false) == "one\\u{a}::add-mask::x")
        #expect(TerminalText.escaped("one\ntwo") == "one\ntwo")
        #expect(TerminalText.escaped("tab\there, é, 日本") == "tab\there, é, 日本")
        #expect(TerminalText.escaped("\u{85}\u{2028}") == "\\u{85}\\u{2028}")
    }

    @Test func aQuotedLineIsEscapedWithTheCaretUnderTheRightCharacter() {
        let source = SourceText(name: "x.yaml", text: "a: 1\nb: \"\u{1B}[31mred\"\n")
        let d = Diagnostic(.error, at: SourceLocation(file: "x.yaml", line: 2, column: 5), "control characters are not allowed (byte 0x1b)")
        let lines = d.rendered(source: source).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 3)
        #expect(lines[1] == "    b: \"\\u{1b}[31mred\"")
        #expect(lines[2] == "        ^")
    }
}
