/// Text from data (file names, snapshot and export values, pack titles) made safe to print on
/// a terminal or CI log: a control character could move the cursor, recolour the log or hide a
/// line, and a line break could start a line a CI runner executes (`::add-mask::`), so each is
/// shown as `\u{..}` instead. Tabs stay; line feeds stay only where `lines` allows them (a
/// multi-line report built by Clause itself).
public enum TerminalText {
    /// `text` with each control character shown as `\u{..}`; line feeds stay only when `lines` is set.
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

    /// How many terminal cells a printable scalar takes: none for a combining mark or a
    /// zero-width joiner, two for an East Asian wide or full-width character or an emoji, one
    /// otherwise (the ranges of Unicode's East Asian Width W and F, in outline).
    public static func cells(_ c: Unicode.Scalar) -> Int {
        switch c.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return 0
        default: break
        }
        if c.value == 0x200B || c.value == 0x200C || c.value == 0x200D || c.value == 0xFEFF { return 0 }
        switch c.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    /// C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
    private static func isControl(_ c: Unicode.Scalar) -> Bool {
        c.value < 0x20 || (0x7F...0x9F).contains(c.value) || c == "\u{2028}" || c == "\u{2029}"
    }
}
