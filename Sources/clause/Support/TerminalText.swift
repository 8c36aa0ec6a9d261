/// Text from data (file names, export values) made safe to print on a terminal or CI log: a
/// control character could move the cursor, recolour the log or hide a line, so each is shown
/// as `\u{..}` instead. Line feeds and tabs stay.
enum TerminalText {
    static func escaped(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for c in text.unicodeScalars {
            if c == "\n" || c == "\t" || !(c.value < 0x20 || (0x7F...0x9F).contains(c.value) || c == "\u{2028}" || c == "\u{2029}") {
                out.append(c)
            } else {
                out.append(contentsOf: "\\u{\(String(c.value, radix: 16))}".unicodeScalars)
            }
        }
        return String(out)
    }
}
