import ClauseValue

/// Writes values as compact JSON, the form `clause dump` prints.
///
/// Maps keep their insertion order. Values JSON cannot hold are written as one-key objects so
/// that nothing is lost or confused with a string: `{"$float":"NaN"}` (also `"Infinity"`,
/// `"-Infinity"`), `{"$bytes":"<base64>"}`, `{"$timestamp":"<RFC 3339>"}`,
/// `{"$duration":"1.5s"}`. Non-string map keys are written as their own JSON text (`1`, `true`).
/// An unsigned integer prints as its digits; a double always shows a fraction or an exponent.
public enum JSONWriter {
    /// The compact JSON text of `value`, with no trailing newline.
    public static func string(_ value: Value) -> String {
        var out: [UInt8] = []
        write(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the value's JSON as UTF-8 bytes: `clause dump` writes large snapshots this way,
    /// several times faster than through string appends.
    public static func write(_ value: Value, to out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .uint(let u): out.append(contentsOf: String(u).utf8)
        case .double(let d): writeDouble(d, to: &out)
        case .string(let s): writeString(s, to: &out)
        case .bytes(let bytes):
            out.append(contentsOf: "{\"$bytes\":".utf8)
            writeString(Base64.encode(bytes), to: &out)
            out.append(UInt8(ascii: "}"))
        case .timestamp(let t):
            out.append(contentsOf: "{\"$timestamp\":\"\(t.rfc3339)\"}".utf8)
        case .duration(let d):
            out.append(contentsOf: "{\"$duration\":\"\(d.celString)\"}".utf8)
        case .list(let list):
            out.append(UInt8(ascii: "["))
            for i in 0..<list.count {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                write(list[i], to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .map(let map):
            out.append(UInt8(ascii: "{"))
            for i in 0..<map.count {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                if case .string(let key) = map.key(at: i) {
                    writeString(key, to: &out)
                } else {
                    writeString(string(map.key(at: i)), to: &out)
                }
                out.append(UInt8(ascii: ":"))
                write(map.value(at: i), to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    static func writeDouble(_ d: Double, to out: inout [UInt8]) {
        if d.isNaN {
            out.append(contentsOf: "{\"$float\":\"NaN\"}".utf8)
        } else if d.isInfinite {
            out.append(contentsOf: (d < 0 ? "{\"$float\":\"-Infinity\"}" : "{\"$float\":\"Infinity\"}").utf8)
        } else {
            out.append(contentsOf: d.description.utf8)
        }
    }

    /// Escapes as RFC 8259 requires and no more: non-ASCII text stays as UTF-8 (no byte of a
    /// multi-byte sequence needs escaping, so the text is scanned byte by byte).
    static func writeString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = s
        text.withUTF8 { bytes in
            var plainStart = 0
            for i in 0..<bytes.count {
                let b = bytes[i]
                guard b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plainStart..<i]))
                switch b {
                case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
                case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
                case 0x0A: out.append(contentsOf: "\\n".utf8)
                case 0x0D: out.append(contentsOf: "\\r".utf8)
                case 0x09: out.append(contentsOf: "\\t".utf8)
                case 0x08: out.append(contentsOf: "\\b".utf8)
                case 0x0C: out.append(contentsOf: "\\f".utf8)
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: "\\u00".utf8)
                    out.append(hex[Int(b >> 4)])
                    out.append(hex[Int(b & 15)])
                }
                plainStart = i + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plainStart...]))
        }
        out.append(UInt8(ascii: "\""))
    }
}
