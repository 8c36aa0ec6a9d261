import ClauseValue
import Foundation

/// The strings extension's `format`: `%s %d %f %e %b %o %x %X %%` with optional precision.
enum StringFormat {
    static func format(_ f: String, _ args: [Value]) -> RValue {
        var out = ""
        var it = Array(f.unicodeScalars)[...]
        var argi = 0
        while let c = it.popFirst() {
            guard c == "%" else { out.unicodeScalars.append(c); continue }
            guard let next = it.first else { return .err("unexpected end of format string") }
            if next == "%" { it.removeFirst(); out += "%"; continue }
            var precision: Int? = nil
            if next == "." {
                it.removeFirst()
                var p = 0
                while let d = it.first, let v = Int(String(d)) { p = min(p * 10 + v, 1000); it.removeFirst() }
                precision = p
            }
            guard let verb = it.popFirst() else { return .err("unexpected end of format string") }
            guard argi < args.count else { return .err("index \(argi) out of range") }
            let arg = args[argi]
            argi += 1
            switch verb {
            case "s":
                guard let s = text(arg) else { return .err("string clause can only be used on strings, bools, bytes, ints, doubles, maps, lists, types, durations, and timestamps") }
                out += s
            case "d":
                switch arg {
                case .int(let i): out += String(i)
                case .uint(let u): out += String(u)
                case .double(let d) where d.isNaN: out += "NaN"
                case .double(let d) where d.isInfinite: out += d < 0 ? "-Infinity" : "Infinity"
                default: return .err("decimal clause can only be used on integers")
                }
            case "f", "e":
                let d: Double
                switch arg {
                case .double(let x): d = x
                case .int(let i): d = Double(i)
                case .uint(let u): d = Double(u)
                default: return .err("fixed-point clause can only be used on doubles")
                }
                if d.isNaN { out += "NaN"; continue }
                if d.isInfinite { out += d < 0 ? "-Infinity" : "Infinity"; continue }
                out += String(format: "%.\(precision ?? 6)\(verb)", d)
            case "b", "o", "x", "X":
                let radix = verb == "b" ? 2 : (verb == "o" ? 8 : 16)
                let upper = verb == "X"
                switch arg {
                case .int(let i): out += (i < 0 ? "-" : "") + String(i.magnitude, radix: radix, uppercase: upper)
                case .uint(let u): out += String(u, radix: radix, uppercase: upper)
                case .bool(let b) where radix == 2: out += b ? "1" : "0"
                case .string(let s) where radix == 16: out += Array(s.utf8).map { hex($0, upper) }.joined()
                case .bytes(let b) where radix == 16: out += b.map { hex($0, upper) }.joined()
                default: return .err("integer clause can only be used on integers")
                }
            default:
                return .err("could not parse formatting clause: unrecognized formatting clause \"\(verb)\"")
            }
        }
        if argi < args.count { return .err("too many arguments for format string") }
        return .value(.string(out))
    }

    static func hex(_ b: UInt8, _ upper: Bool) -> String {
        let s = String(b, radix: 16, uppercase: upper)
        return s.count == 1 ? "0" + s : s
    }

    static func text(_ v: Value) -> String? {
        switch v {
        case .string(let s): return s
        case .list(let l):
            var parts: [String] = []
            for e in l.elements { guard let t = nested(e) else { return nil }; parts.append(t) }
            return "[" + parts.joined(separator: ", ") + "]"
        case .map(let m):
            var parts: [String] = []
            for i in 0..<m.count {
                guard let k = nested(m.key(at: i)), let x = nested(m.value(at: i)) else { return nil }
                parts.append(k + ": " + x)
            }
            return "{" + parts.sorted().joined(separator: ", ") + "}"
        default:
            if case .value(.string(let s)) = Conversions.string(v) { return s }
            return nil
        }
    }

    static func nested(_ v: Value) -> String? { text(v) }
}
