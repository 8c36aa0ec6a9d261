import ClauseValue

/// Writes values as block-style YAML, the form `clause snapshot` writes for people to read and
/// review in a pull request.
///
/// Scalars are written as their JSON text (strings double-quoted unless plainly safe), which
/// YAML reads back as the same value: a string `'2026-05-04'` or `'yes'` stays a string, never
/// a date or a boolean. Flow-style `[]` and `{}` stand for empty lists and maps.
public enum YAMLWriter {
    /// The YAML text of `value`, ending with a newline.
    public static func string(_ value: Value) -> String {
        var out: [UInt8] = []
        write(value, indent: 0, to: &out)
        if out.last != 0x0A { out.append(0x0A) }
        return String(decoding: out, as: UTF8.self)
    }

    private static func write(_ value: Value, indent: Int, to out: inout [UInt8]) {
        switch value {
        case .map(let map) where map.count > 0:
            for i in 0..<map.count {
                if i > 0 || indent > 0 { out.append(contentsOf: repeatElement(0x20, count: indent)) }
                key(map.key(at: i), to: &out)
                out.append(UInt8(ascii: ":"))
                child(map.value(at: i), indent: indent + 2, to: &out)
            }
        case .list(let list) where list.count > 0:
            for i in 0..<list.count {
                if i > 0 || indent > 0 { out.append(contentsOf: repeatElement(0x20, count: indent)) }
                out.append(contentsOf: "- ".utf8)
                // A map's first key goes on the dash's line; its other keys line up under it.
                switch list[i] {
                case .map(let m) where m.count > 0: write(list[i], indent: indent + 2, firstInline: true, to: &out)
                case .list(let l) where l.count > 0:
                    out.append(0x0A)
                    write(list[i], indent: indent + 2, to: &out)
                default: scalar(list[i], to: &out); out.append(0x0A)
                }
            }
        default:
            scalar(value, to: &out)
            out.append(0x0A)
        }
    }

    private static func write(_ value: Value, indent: Int, firstInline: Bool, to out: inout [UInt8]) {
        guard case .map(let map) = value else { return }
        for i in 0..<map.count {
            if i > 0 { out.append(contentsOf: repeatElement(0x20, count: indent)) }
            key(map.key(at: i), to: &out)
            out.append(UInt8(ascii: ":"))
            child(map.value(at: i), indent: indent + 2, to: &out)
        }
    }

    private static func child(_ value: Value, indent: Int, to out: inout [UInt8]) {
        switch value {
        case .map(let m) where m.count > 0:
            out.append(0x0A)
            write(value, indent: indent, to: &out)
        case .list(let l) where l.count > 0:
            out.append(0x0A)
            write(value, indent: indent - 2 >= 0 ? indent - 2 : 0, to: &out)
        default:
            out.append(0x20)
            scalar(value, to: &out)
            out.append(0x0A)
        }
    }

    private static func key(_ key: Value, to out: inout [UInt8]) {
        if case .string(let s) = key, plain(s) { out.append(contentsOf: s.utf8) } else { JSONWriter.write(key, to: &out) }
    }

    private static func scalar(_ value: Value, to out: inout [UInt8]) {
        switch value {
        case .map: out.append(contentsOf: "{}".utf8)
        case .list: out.append(contentsOf: "[]".utf8)
        case .string(let s) where plain(s): out.append(contentsOf: s.utf8)
        default: JSONWriter.write(value, to: &out)
        }
    }

    /// Text YAML reads back as this same string when written without quotes: letters, digits
    /// and a few inner punctuation marks, not starting with a digit (no numbers, dates or
    /// times), and none of YAML's words for booleans and null.
    private static func plain(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic,
              s.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_-./@".unicodeScalars.contains($0)) })
        else { return false }
        return !["y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf"].contains(s.lowercased())
    }
}
