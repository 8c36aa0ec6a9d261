import ClauseReport
import Testing

@Suite struct XMLEscapingTests {
    static let text: [(String, String)] = [
        ("plain", "plain"),
        ("a & b < c > d", "a &amp; b &lt; c &gt; d"),
        ("]]>", "]]&gt;"),
        ("\"quoted\" 'single'", "\"quoted\" 'single'"),
        ("line\nnext\ttab", "line\nnext\ttab"),
        ("cr\r", "cr&#13;"),
        ("nul\u{0} bell\u{7} fffe\u{FFFE}", "nul\u{FFFD} bell\u{FFFD} fffe\u{FFFD}"),
        ("é 😀 e\u{301}", "é 😀 e\u{301}"),
    ]

    static let attribute: [(String, String)] = [
        ("a & b", "a &amp; b"),
        ("\"x\" 'y' <z>", "&quot;x&quot; &#39;y&#39; &lt;z&gt;"),
        ("one\ntwo\tthree\r", "one&#10;two&#9;three&#13;"),
        ("\u{1}", "\u{FFFD}"),
    ]

    @Test(arguments: text)
    func textEscaping(input: String, expected: String) {
        #expect(XMLEscaping.text(input) == expected)
    }

    @Test(arguments: attribute)
    func attributeEscaping(input: String, expected: String) {
        #expect(XMLEscaping.attribute(input) == expected)
    }
}
