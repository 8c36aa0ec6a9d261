import ClauseValue

/// Writes values as compact JSON, the form `clause dump` prints.
///
/// Maps keep their insertion order. Values JSON cannot hold are written as one-key objects so
/// that nothing is lost or confused with a string: `{"$float":"NaN"}` (also `"Infinity"`,
/// `"-Infinity"`), `{"$bytes":"<base64>"}`, `{"$timestamp":"<RFC 3339>"}`,
/// `{"$duration":"1.5s"}`. Non-string map keys are written as their own JSON text (`1`, `true`).
/// An unsigned integer prints as its digits; a double always shows a fraction or an exponent.
public enum JSONWriter {
    public static func string(_ value: Value) -> String {
        var out = ""
        write(value, to: &out)
        return out
    }

    public static func write(_ value: Value, to out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .uint(let u): out += String(u)
        case .double(let d): writeDouble(d, to: &out)
        case .string(let s): writeString(s, to: &out)
        case .bytes(let bytes):
            out += "{\"$bytes\":"
            writeString(Base64.encode(bytes), to: &out)
            out += "}"
        case .timestamp(let t):
            out += "{\"$timestamp\":\"" + t.rfc3339 + "\"}"
        case .duration(let d):
            out += "{\"$duration\":\"" + d.celString + "\"}"
        case .list(let list):
            out += "["
            for (i, element) in list.elements.enumerated() {
                if i > 0 { out += "," }
                write(element, to: &out)
            }
            out += "]"
        case .map(let map):
            out += "{"
            for i in 0..<map.count {
                if i > 0 { out += "," }
                if case .string(let key) = map.key(at: i) {
                    writeString(key, to: &out)
                } else {
                    writeString(string(map.key(at: i)), to: &out)
                }
                out += ":"
                write(map.value(at: i), to: &out)
            }
            out += "}"
        }
    }

    static func writeDouble(_ d: Double, to out: inout String) {
        if d.isNaN {
            out += "{\"$float\":\"NaN\"}"
        } else if d.isInfinite {
            out += d < 0 ? "{\"$float\":\"-Infinity\"}" : "{\"$float\":\"Infinity\"}"
        } else {
            out += d.description
        }
    }

    /// Escapes as RFC 8259 requires and no more: non-ASCII text stays as UTF-8.
    public static func writeString(_ s: String, to out: inout String) {
        out += "\""
        var plainStart = s.unicodeScalars.startIndex
        var index = plainStart
        let scalars = s.unicodeScalars
        while index < scalars.endIndex {
            let c = scalars[index]
            let escape: String?
            switch c {
            case "\"": escape = "\\\""
            case "\\": escape = "\\\\"
            case "\n": escape = "\\n"
            case "\r": escape = "\\r"
            case "\t": escape = "\\t"
            case "\u{08}": escape = "\\b"
            case "\u{0C}": escape = "\\f"
            default:
                if c.value < 0x20 {
                    let hex = String(c.value, radix: 16)
                    escape = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    escape = nil
                }
            }
            if let escape {
                out += String(scalars[plainStart..<index])
                out += escape
                index = scalars.index(after: index)
                plainStart = index
            } else {
                index = scalars.index(after: index)
            }
        }
        out += String(scalars[plainStart..<scalars.endIndex])
        out += "\""
    }
}
