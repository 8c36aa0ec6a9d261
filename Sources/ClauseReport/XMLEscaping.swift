/// The one escaping helper for XML and HTML output (JUnit, HTML): text content and attribute values.
///
/// Output is valid in both XML 1.0 and HTML5. Characters XML 1.0 cannot carry at all, not even as
/// character references (C0 controls other than tab, LF and CR, and U+FFFE/U+FFFF), become U+FFFD,
/// so a hostile snapshot value cannot make a report unparseable.
public enum XMLEscaping {
    /// Escapes `value` for element content: `&`, `<`, `>` (so `]]>` never appears) and a CR,
    /// which parsers would otherwise fold into LF.
    public static func text(_ value: String) -> String {
        escape(value, attribute: false)
    }

    /// Escapes `value` for a double- or single-quoted attribute: as `text`, plus both quotes and
    /// tab, LF and CR as references, since attribute-value normalisation turns them into spaces.
    public static func attribute(_ value: String) -> String {
        escape(value, attribute: true)
    }

    private static func escape(_ value: String, attribute: Bool) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(value.unicodeScalars.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\r": out += "&#13;"
            case "\"" where attribute: out += "&quot;"
            // `&#39;` rather than `&apos;`, which HTML 4 does not define.
            case "'" where attribute: out += "&#39;"
            case "\n" where attribute: out += "&#10;"
            case "\t" where attribute: out += "&#9;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
