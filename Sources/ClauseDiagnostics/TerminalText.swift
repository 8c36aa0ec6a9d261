/// Text from data (file names, snapshot and export values, pack titles) made safe to print on
/// a terminal or CI log: a control character could move the cursor, recolour the log or hide a
/// line, and a line break could start a line a CI runner executes (`::add-mask::`), so each is
/// shown as `\u{..}` instead. Tabs stay; line feeds stay only where `lines` allows them (a
/// multi-line report built by Clause itself).
public enum TerminalText {
    public static func escaped(_ text: String, lines: Bool = true) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        for c in text.unicodeScalars {
            if (c == "\n" && lines) || c == "\t" || !isControl(c) {
                out.append(c)
            } else {
                out.append(contentsOf: "\\u{\(String(c.value, radix: 16))}".unicodeScalars)
            }
        }
        return String(out)
    }

    /// C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
    private static func isControl(_ c: Unicode.Scalar) -> Bool {
        c.value < 0x20 || (0x7F...0x9F).contains(c.value) || c == "\u{2028}" || c == "\u{2029}"
    }
}
