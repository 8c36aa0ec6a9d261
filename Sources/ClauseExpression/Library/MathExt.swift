import ClauseValue
import Foundation

/// The math extension of cel-go (`math.greatest`, `math.least`, rounding, bit operations).
enum MathExt {
    static func extreme(_ values: [Value], greatest: Bool, name: String) -> RValue {
        guard var best = values.first else { return .err("\(name)() requires at least one argument") }
        for v in values {
            guard let c = Ops.compare(v, best) else {
                if case .double(let d) = v, d.isNaN { return .value(v) }
                switch v {
                case .int, .uint, .double: continue
                default: return .noOverload(name)
                }
            }
            if greatest ? c > 0 : c < 0 { best = v }
        }
        switch best {
        case .int, .uint, .double: return .value(best)
        default: return .noOverload(name)
        }
    }

    static func register(_ add: (String, Int, Bool, Bool, Builtin) -> Void) {
        for (name, greatest) in [("math.greatest", true), ("math.least", false)] {
            add(name, 1, false, true, Library.v1(name) { v in
                if case .list(let l) = v { return extreme(l.elements, greatest: greatest, name: name) }
                return extreme([v], greatest: greatest, name: name)
            })
            for n in 2...8 {
                add(name, n, false, true, .nary { xs in
                    var vs: [Value] = []
                    for x in xs { guard case .value(let v) = x else { return .noOverload(name) }; vs.append(v) }
                    return extreme(vs, greatest: greatest, name: name)
                })
            }
        }
        func d1(_ name: String, _ f: @escaping (Double) -> Double, intIdentity: Bool = true) {
            add(name, 1, false, true, Library.v1(name) { v in
                switch v {
                case .double(let d): return .value(.double(f(d)))
                case .int, .uint: return intIdentity ? .value(v) : .noOverload(name)
                default: return .noOverload(name)
                }
            })
        }
        d1("math.ceil", { $0.rounded(.up) }, intIdentity: false)
        d1("math.floor", { $0.rounded(.down) }, intIdentity: false)
        d1("math.round", { $0.rounded(.toNearestOrAwayFromZero) }, intIdentity: false)
        d1("math.trunc", { $0.rounded(.towardZero) }, intIdentity: false)
        add("math.sqrt", 1, false, true, Library.v1("math.sqrt") { v in
            switch v {
            case .double(let d): return .value(.double(d.squareRoot()))
            case .int(let i): return .value(.double(Double(i).squareRoot()))
            case .uint(let u): return .value(.double(Double(u).squareRoot()))
            default: return .noOverload("math.sqrt")
            }
        })
        add("math.abs", 1, false, true, Library.v1("math.abs") { v in
            switch v {
            case .int(let i): return i == .min ? .err(Fault.overflow) : .int(abs(i))
            case .uint: return .value(v)
            case .double(let d): return .value(.double(abs(d)))
            default: return .noOverload("math.abs")
            }
        })
        add("math.sign", 1, false, true, Library.v1("math.sign") { v in
            switch v {
            case .int(let i): return .int(i.signum())
            case .uint(let u): return .value(.uint(u == 0 ? 0 : 1))
            case .double(let d): return .value(.double(d.isNaN ? d : (d > 0 ? 1 : (d < 0 ? -1 : 0))))
            default: return .noOverload("math.sign")
            }
        })
        for (name, f) in [("math.isNaN", { (d: Double) in d.isNaN }), ("math.isInf", { $0.isInfinite }), ("math.isFinite", { $0.isFinite })] {
            add(name, 1, false, true, Library.v1(name) { v in
                guard case .double(let d) = v else { return .noOverload(name) }
                return .bool(f(d))
            })
        }
        func bit(_ name: String, _ fi: @escaping (Int64, Int64) -> Int64, _ fu: @escaping (UInt64, UInt64) -> UInt64) {
            add(name, 2, false, true, Library.v2(name) { a, b in
                switch (a, b) {
                case (.int(let x), .int(let y)): return .int(fi(x, y))
                case (.uint(let x), .uint(let y)): return .value(.uint(fu(x, y)))
                default: return .noOverload(name)
                }
            })
        }
        bit("math.bitAnd", { $0 & $1 }, { $0 & $1 })
        bit("math.bitOr", { $0 | $1 }, { $0 | $1 })
        bit("math.bitXor", { $0 ^ $1 }, { $0 ^ $1 })
        add("math.bitNot", 1, false, true, Library.v1("math.bitNot") { v in
            switch v {
            case .int(let i): return .int(~i)
            case .uint(let u): return .value(.uint(~u))
            default: return .noOverload("math.bitNot")
            }
        })
        for (name, left) in [("math.bitShiftLeft", true), ("math.bitShiftRight", false)] {
            add(name, 2, false, true, Library.v2(name) { a, b in
                guard case .int(let n) = b else { return .noOverload(name) }
                guard n >= 0 else { return .err("math.\(left ? "bitShiftLeft" : "bitShiftRight") shift must be non-negative") }
                switch a {
                case .int(let x):
                    if n >= 64 { return .int(0) }
                    return .int(left ? x << n : Int64(bitPattern: UInt64(bitPattern: x) >> UInt64(n)))
                case .uint(let x):
                    if n >= 64 { return .value(.uint(0)) }
                    return .value(.uint(left ? x << UInt64(n) : x >> UInt64(n)))
                default: return .noOverload(name)
                }
            })
        }
    }
}

/// `optional.of`, `optional.none`, `hasValue`, `value`, `orValue`, `or`.
enum Optionals {
    static func register(_ add: (String, Int, Bool, Bool, Builtin) -> Void) {
        add("optional.of", 1, false, true, .unary { .optional($0) })
        add("optional.none", 0, false, true, .nary { _ in .optional(nil) })
        add("optional.ofNonZeroValue", 1, false, true, .unary { x in
            if case .value(let v) = x, isZero(v) { return .optional(nil) }
            return .optional(x)
        })
        add("hasValue", 1, true, true, .unary { x in
            guard case .optional(let o) = x else { return .noOverload("hasValue") }
            return .bool(o != nil)
        })
        add("value", 1, true, true, .unary { x in
            guard case .optional(let o) = x else { return .noOverload("value") }
            return o ?? .err("optional.none() dereference")
        })
        add("orValue", 2, true, true, .binary { x, y in
            guard case .optional(let o) = x else { return .noOverload("orValue") }
            return o ?? y
        })
        add("or", 2, true, true, .binary { x, y in
            guard case .optional(let o) = x else { return .noOverload("or") }
            if o != nil { return x }
            guard case .optional = y else { return .noOverload("or") }
            return y
        })
    }

    static func isZero(_ v: Value) -> Bool {
        switch v {
        case .null: return true
        case .bool(let b): return !b
        case .int(let i): return i == 0
        case .uint(let u): return u == 0
        case .double(let d): return d == 0
        case .string(let s): return s.isEmpty
        case .bytes(let b): return b.isEmpty
        case .list(let l): return l.isEmpty
        case .map(let m): return m.count == 0
        case .timestamp(let t): return t.seconds == 0 && t.nanos == 0
        case .duration(let d): return d.seconds == 0 && d.nanos == 0
        }
    }
}
