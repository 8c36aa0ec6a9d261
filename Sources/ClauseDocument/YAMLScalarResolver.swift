import ClauseValue

/// YAML 1.2 core-schema resolution of scalars, and the explicit `!!` tags.
///
/// Only the core schema: `yes`, `no`, `on`, `off` and sexagesimal numbers stay strings, so a
/// country code `NO` is never read as false.
enum YAMLScalarResolver {
    static let tagPrefix = "tag:yaml.org,2002:"

    /// The value of an untagged plain scalar, read straight from libyaml's buffer so that the
    /// common case (a word) costs one string creation and nothing more.
    static func resolvePlain(_ b: UnsafeBufferPointer<UInt8>) -> Value {
        guard let first = b.first else { return .null }
        switch first {
        case UInt8(ascii: "~"):
            if b.count == 1 { return .null }
        case UInt8(ascii: "n"), UInt8(ascii: "N"):
            if b.count == 4, matches(b, "null", "Null", "NULL") { return .null }
        case UInt8(ascii: "t"), UInt8(ascii: "T"):
            if b.count == 4, matches(b, "true", "True", "TRUE") { return .bool(true) }
        case UInt8(ascii: "f"), UInt8(ascii: "F"):
            if b.count == 5, matches(b, "false", "False", "FALSE") { return .bool(false) }
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."):
            if let number = number(b) { return number }
        default:
            break
        }
        return .string(String(decoding: b, as: UTF8.self))
    }

    static func resolvePlain(_ text: String) -> Value {
        var copy = text
        return copy.withUTF8 { resolvePlain($0) }
    }

    private static func matches(_ b: UnsafeBufferPointer<UInt8>, _ words: StaticString...) -> Bool {
        words.contains { word in
            word.utf8CodeUnitCount == b.count && word.withUTF8Buffer { w in
                (0..<b.count).allSatisfy { w[$0] == b[$0] }
            }
        }
    }

    static func number(_ b: UnsafeBufferPointer<UInt8>) -> Value? {
        let n = b.count
        guard n > 0 else { return nil }
        var i = 0
        var negative = false
        if b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: "+") {
            negative = b[0] == UInt8(ascii: "-")
            i = 1
        }
        if i == n { return nil }
        // 0o / 0x forms take no sign in the core schema.
        if i == 0, n > 2, b[0] == UInt8(ascii: "0"), b[1] == UInt8(ascii: "o") || b[1] == UInt8(ascii: "x") {
            let radix: UInt64 = b[1] == UInt8(ascii: "o") ? 8 : 16
            var value: UInt64 = 0
            for j in 2..<n {
                guard let d = digit(b[j], radix: radix) else { return nil }
                let (m, o1) = value.multipliedReportingOverflow(by: radix)
                let (s, o2) = m.addingReportingOverflow(d)
                if o1 || o2 { return .double(Double(sign: .plus, exponent: 0, significand: 1) * pow2(n - 2, radix: radix, bytes: b)) }
                value = s
            }
            return value <= UInt64(Int64.max) ? .int(Int64(value)) : .uint(value)
        }
        // .inf / .nan
        if b[i] == UInt8(ascii: ".") && n - i == 4 {
            let word = String(decoding: UnsafeBufferPointer(rebasing: b[(i + 1)...]), as: UTF8.self)
            if word == "inf" || word == "Inf" || word == "INF" { return .double(negative ? -.infinity : .infinity) }
            if i == 0, word == "nan" || word == "NaN" || word == "NAN" { return .double(.nan) }
        }
        // Decimal integer: [-+]?[0-9]+
        var j = i
        var value: UInt64 = 0
        var overflow = false
        while j < n, b[j] >= 0x30, b[j] <= 0x39 {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(UInt64(b[j] - 0x30))
            if o1 || o2 { overflow = true }
            value = s
            j += 1
        }
        let intDigits = j - i
        if j == n, intDigits > 0 {
            if !overflow {
                if negative {
                    if value <= UInt64(Int64.max) { return .int(-Int64(value)) }
                    if value == UInt64(Int64.max) + 1 { return .int(Int64.min) }
                } else {
                    return value <= UInt64(Int64.max) ? .int(Int64(value)) : .uint(value)
                }
            }
            return Double(String(decoding: b, as: UTF8.self)).map(Value.double)
        }
        // Float: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
        var fracDigits = 0
        if j < n, b[j] == UInt8(ascii: ".") {
            j += 1
            while j < n, b[j] >= 0x30, b[j] <= 0x39 { j += 1; fracDigits += 1 }
        }
        if intDigits == 0 && fracDigits == 0 { return nil }
        if j < n, b[j] == UInt8(ascii: "e") || b[j] == UInt8(ascii: "E") {
            j += 1
            if j < n, b[j] == UInt8(ascii: "-") || b[j] == UInt8(ascii: "+") { j += 1 }
            var expDigits = 0
            while j < n, b[j] >= 0x30, b[j] <= 0x39 { j += 1; expDigits += 1 }
            if expDigits == 0 { return nil }
        }
        guard j == n else { return nil }
        // Swift's parser rejects a leading '+' and a bare trailing '.', which YAML allows.
        var text = String(decoding: b, as: UTF8.self)
        if text.hasPrefix("+") { text.removeFirst() }
        return Double(text).map(Value.double) ?? Double(text.replacingDot()).map(Value.double)
    }

    private static func digit(_ c: UInt8, radix: UInt64) -> UInt64? {
        let d: UInt64
        switch c {
        case 0x30...0x39: d = UInt64(c - 0x30)
        case 0x61...0x66: d = UInt64(c - 0x61 + 10)
        case 0x41...0x46: d = UInt64(c - 0x41 + 10)
        default: return nil
        }
        return d < radix ? d : nil
    }

    /// Value of an over-long hex or octal literal as a double.
    private static func pow2(_ count: Int, radix: UInt64, bytes b: UnsafeBufferPointer<UInt8>) -> Double {
        var result = 0.0
        for j in 2..<b.count { result = result * Double(radix) + Double(digit(b[j], radix: radix) ?? 0) }
        return result
    }

    /// The value of a scalar with an explicit tag; nil when the text does not fit the tag.
    /// Tags outside the core schema (`!!binary`, `!!timestamp`, local tags) keep the scalar's text
    /// as a string: Clause reads data, and a tag it does not model must not change it.
    static func resolve(_ text: String, tag: String) -> Value? {
        guard tag.hasPrefix(tagPrefix) else { return .string(text) }
        switch tag.dropFirst(tagPrefix.count) {
        case "str":
            return .string(text)
        case "null":
            let v = resolvePlain(text)
            return text.isEmpty || v == .null ? .null : nil
        case "bool":
            let v = resolvePlain(text)
            if case .bool = v { return v }
            return nil
        case "int":
            switch resolvePlain(text) {
            case .int(let i): return .int(i)
            case .uint(let u): return .uint(u)
            default: return nil
            }
        case "float":
            switch resolvePlain(text) {
            case .int(let i): return .double(Double(i))
            case .uint(let u): return .double(Double(u))
            case .double(let d): return .double(d)
            default: return nil
            }
        case "seq", "map":
            return nil
        default:
            return .string(text)
        }
    }
}

private extension String {
    /// `1.` is a YAML float but not a Swift one; `1.e5` neither.
    func replacingDot() -> String {
        var out = ""
        var previous: Character = " "
        for ch in self {
            if previous == ".", !(ch.isNumber) { out.append("0") }
            out.append(ch)
            previous = ch
        }
        if previous == "." { out.append("0") }
        if out.hasPrefix(".") || out.hasPrefix("-.") { out = out.hasPrefix("-") ? "-0" + out.dropFirst() : "0" + out }
        return out
    }
}
