import ClauseValue

/// Text forms of values: `string()` conversions and values quoted in messages.
enum Format {
    /// CEL's `string(double)`: shortest round-trip form, exponent for large and small magnitudes.
    static func double(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
        if d == d.rounded(), abs(d) < 1e21 {
            let s = "\(d)"
            if s.hasSuffix(".0") { return String(s.dropLast(2)) }
            if !s.contains("e") { return s }
        }
        var s = "\(d)"
        if let e = s.firstIndex(of: "e") {
            var mant = String(s[..<e])
            var exp = String(s[s.index(after: e)...])
            if mant.hasSuffix(".0") { mant.removeLast(2) }
            var sign = "+"
            if exp.hasPrefix("-") { sign = "-"; exp.removeFirst() } else if exp.hasPrefix("+") { exp.removeFirst() }
            if exp.count < 2 { exp = "0" + exp }
            s = mant + "e" + sign + exp
        }
        return s
    }

    /// A value in CEL literal syntax (for messages and debugging).
    static func debug(_ v: Value) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .uint(let u): return "\(u)u"
        case .double(let d): return double(d)
        case .string(let s): return quote(s)
        case .bytes(let b): return "b" + quote(String(decoding: b, as: UTF8.self))
        case .list(let l): return "[" + l.elements.map(debug).joined(separator: ", ") + "]"
        case .map(let m): return "{" + (0..<m.count).map { debug(m.key(at: $0)) + ": " + debug(m.value(at: $0)) }.joined(separator: ", ") + "}"
        case .timestamp(let t): return "timestamp(\(quote(Time.format(t))))"
        case .duration(let d): return "duration(\(quote(Time.format(d))))"
        }
    }

    static func debug(_ v: RValue) -> String {
        switch v {
        case .value(let x): return debug(x)
        case .type(let t): return t.name
        case .error(let f): return "error(\(f.message))"
        case .optional(nil): return "optional.none()"
        case .optional(let x?): return "optional.of(\(debug(x)))"
        case .net(let n): return "\(n.prefix == nil ? "ip" : "cidr")(\(quote(n.description)))"
        }
    }

    /// A string literal in double quotes with CEL escapes (also the strings extension's `quote`).
    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{0B}": out += "\\v"
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }
}
