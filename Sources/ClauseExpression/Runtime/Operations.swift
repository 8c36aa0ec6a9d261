import ClauseValue

/// CEL's semantics for the operators, over `Value`s.
enum Ops {
    // MARK: Equality and ordering

    /// Compares an int with a uint exactly.
    @inline(__always) static func cmp(_ a: Int64, _ b: UInt64) -> Int {
        if a < 0 { return -1 }
        let ua = UInt64(a)
        return ua < b ? -1 : (ua > b ? 1 : 0)
    }

    /// Compares an int with a double exactly (no rounding of the int); nil when the double is NaN.
    static func cmp(_ a: Int64, _ b: Double) -> Int? {
        if b.isNaN { return nil }
        // cel-go compares an int with a double as doubles (lossy above 2^53); follow it.
        let ad = Double(a)
        if ad != b || abs(b) >= 9007199254740992.0 { return ad < b ? -1 : (ad > b ? 1 : 0) }
        if b >= 9223372036854775808.0 { return -1 }
        if b < -9223372036854775808.0 { return 1 }
        let t = b.rounded(.towardZero)
        let ti = Int64(t)
        if a < ti { return -1 }
        if a > ti { return 1 }
        let frac = b - t
        return frac > 0 ? -1 : (frac < 0 ? 1 : 0)
    }

    static func cmp(_ a: UInt64, _ b: Double) -> Int? {
        if b.isNaN { return nil }
        let ad = Double(a)
        if ad != b || b >= 9007199254740992.0 { return ad < b ? -1 : (ad > b ? 1 : 0) }
        if b >= 18446744073709551616.0 { return -1 }
        if b < 0 { return 1 }
        let t = b.rounded(.towardZero)
        let ti = UInt64(t)
        if a < ti { return -1 }
        if a > ti { return 1 }
        let frac = b - t
        return frac > 0 ? -1 : 0
    }

    @inline(__always) static func cmpSame<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : (a > b ? 1 : 0) }

    /// CEL ordering; nil when the two values are not ordered (different kinds, NaN).
    static func compare(_ a: Value, _ b: Value) -> Int? {
        switch (a, b) {
        case (.int(let x), .int(let y)): return cmpSame(x, y)
        case (.uint(let x), .uint(let y)): return cmpSame(x, y)
        case (.double(let x), .double(let y)):
            if x.isNaN || y.isNaN { return nil }
            return cmpSame(x, y)
        case (.int(let x), .uint(let y)): return cmp(x, y)
        case (.uint(let x), .int(let y)): return -cmp(y, x)
        case (.int(let x), .double(let y)): return cmp(x, y)
        case (.double(let x), .int(let y)): return cmp(y, x).map { -$0 }
        case (.uint(let x), .double(let y)): return cmp(x, y)
        case (.double(let x), .uint(let y)): return cmp(y, x).map { -$0 }
        case (.string(let x), .string(let y)):
            // Code-point order, which is byte order in UTF-8.
            return x.utf8.lexicographicallyPrecedes(y.utf8) ? -1 : (x == y ? 0 : 1)
        case (.bytes(let x), .bytes(let y)): return x.lexicographicallyPrecedes(y) ? -1 : (x == y ? 0 : 1)
        case (.bool(let x), .bool(let y)): return x == y ? 0 : (x ? 1 : -1)
        case (.timestamp(let x), .timestamp(let y)): return cmpSame(x, y)
        case (.duration(let x), .duration(let y)): return cmpSame(x, y)
        default: return nil
        }
    }

    /// Whether values of these kinds can be ordered at all (for a "no such overload" error).
    static func orderable(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.int, .int), (.int, .uint), (.int, .double), (.uint, .int), (.uint, .uint), (.uint, .double),
             (.double, .int), (.double, .uint), (.double, .double), (.string, .string), (.bytes, .bytes),
             (.bool, .bool), (.timestamp, .timestamp), (.duration, .duration):
            return true
        default: return false
        }
    }

    /// CEL equality: numbers compare across kinds, NaN is unequal to itself, containers deeply.
    static func equal(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        case (.uint(let x), .uint(let y)): return x == y
        case (.double(let x), .double(let y)): return x == y
        case (.int, .uint), (.uint, .int), (.int, .double), (.double, .int), (.uint, .double), (.double, .uint):
            return compare(a, b) == 0
        case (.null, .null): return true
        case (.bytes(let x), .bytes(let y)): return x == y
        case (.timestamp(let x), .timestamp(let y)): return x == y
        case (.duration(let x), .duration(let y)): return x == y
        case (.list(let x), .list(let y)):
            if x === y { return true }
            guard x.count == y.count else { return false }
            for i in 0..<x.count where !equal(x.elements[i], y.elements[i]) { return false }
            return true
        case (.map(let x), .map(let y)):
            guard x.count == y.count else { return false }
            for i in 0..<x.count {
                guard let j = lookup(y, x.key(at: i)), equal(x.value(at: i), y.value(at: j)) else { return false }
            }
            return true
        default: return false
        }
    }

    static func equal(_ a: RValue, _ b: RValue) -> Bool {
        switch (a, b) {
        case (.value(let x), .value(let y)): return equal(x, y)
        case (.type(let x), .type(let y)): return x == y
        case (.net(let x), .net(let y)): return x == y
        case (.optional(let x), .optional(let y)):
            switch (x, y) {
            case (nil, nil): return true
            case (let x?, let y?): return equal(x, y)
            default: return false
            }
        default: return false
        }
    }

    /// The position of `key` in `map` under CEL's numeric key equivalence (1 == 1u == 1.0).
    static func lookup(_ map: ValueMap, _ key: Value) -> Int? {
        if let i = map.position(of: key) { return i }
        switch key {
        case .int(let i):
            if i >= 0, let j = map.position(of: .uint(UInt64(i))) { return j }
            return nil
        case .uint(let u):
            if u <= UInt64(Int64.max), let j = map.position(of: .int(Int64(u))) { return j }
            return nil
        case .double(let d):
            if let i = Int64(exactly: d), let j = map.position(of: .int(i)) { return j }
            if let u = UInt64(exactly: d), let j = map.position(of: .uint(u)) { return j }
            return nil
        default: return nil
        }
    }

    static func isValidKey(_ v: Value) -> Bool {
        switch v {
        case .int, .uint, .bool, .string: return true
        default: return false
        }
    }

    // MARK: Arithmetic

    static func add(_ a: Value, _ b: Value) -> RValue {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, o) = x.addingReportingOverflow(y)
            return o ? .err(Fault.overflow) : .value(.int(r))
        case (.uint(let x), .uint(let y)):
            let (r, o) = x.addingReportingOverflow(y)
            return o ? .err(Fault.overflow) : .value(.uint(r))
        case (.double(let x), .double(let y)): return .value(.double(x + y))
        case (.string(let x), .string(let y)): return .value(.string(x + y))
        case (.bytes(let x), .bytes(let y)): return .value(.bytes(x + y))
        case (.list(let x), .list(let y)):
            if x.isEmpty { return .value(b) }
            if y.isEmpty { return .value(a) }
            return .value(.list(ValueList(x.elements + y.elements)))
        case (.duration(let x), .duration(let y)): return Time.duration(x, plus: y)
        case (.timestamp(let t), .duration(let d)), (.duration(let d), .timestamp(let t)): return Time.add(t, d)
        default: return .noOverload("_+_")
        }
    }

    static func subtract(_ a: Value, _ b: Value) -> RValue {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, o) = x.subtractingReportingOverflow(y)
            return o ? .err(Fault.overflow) : .value(.int(r))
        case (.uint(let x), .uint(let y)):
            let (r, o) = x.subtractingReportingOverflow(y)
            return o ? .err(Fault.overflow) : .value(.uint(r))
        case (.double(let x), .double(let y)): return .value(.double(x - y))
        case (.duration(let x), .duration(let y)): return Time.duration(x, plus: Time.negate(y))
        case (.timestamp(let t), .duration(let d)): return Time.add(t, Time.negate(d))
        case (.timestamp(let x), .timestamp(let y)): return Time.difference(x, y)
        default: return .noOverload("_-_")
        }
    }

    static func multiply(_ a: Value, _ b: Value) -> RValue {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, o) = x.multipliedReportingOverflow(by: y)
            return o ? .err(Fault.overflow) : .value(.int(r))
        case (.uint(let x), .uint(let y)):
            let (r, o) = x.multipliedReportingOverflow(by: y)
            return o ? .err(Fault.overflow) : .value(.uint(r))
        case (.double(let x), .double(let y)): return .value(.double(x * y))
        default: return .noOverload("_*_")
        }
    }

    static func divide(_ a: Value, _ b: Value) -> RValue {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            if y == 0 { return .err("division by zero", .divisionByZero) }
            let (r, o) = x.dividedReportingOverflow(by: y)
            return o ? .err(Fault.overflow) : .value(.int(r))
        case (.uint(let x), .uint(let y)):
            if y == 0 { return .err("division by zero", .divisionByZero) }
            return .value(.uint(x / y))
        case (.double(let x), .double(let y)): return .value(.double(x / y))
        default: return .noOverload("_/_")
        }
    }

    static func modulo(_ a: Value, _ b: Value) -> RValue {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            if y == 0 { return .err("modulus by zero") }
            let (r, o) = x.remainderReportingOverflow(dividingBy: y)
            return o ? .err(Fault.overflow) : .value(.int(r))
        case (.uint(let x), .uint(let y)):
            if y == 0 { return .err("modulus by zero") }
            return .value(.uint(x % y))
        default: return .noOverload("_%_")
        }
    }

    static func negate(_ a: Value) -> RValue {
        switch a {
        case .int(let x):
            if x == .min { return .err(Fault.overflow) }
            return .value(.int(-x))
        case .double(let x): return .value(.double(-x))
        case .duration(let d): return .value(.duration(Time.negate(d)))
        default: return .noOverload("-_")
        }
    }

    /// `size()` of strings (code points), bytes, lists and maps.
    static func size(_ a: Value) -> RValue {
        switch a {
        case .string(let s): return .int(Int64(s.unicodeScalars.count))
        case .bytes(let b): return .int(Int64(b.count))
        case .list(let l): return .int(Int64(l.count))
        case .map(let m): return .int(Int64(m.count))
        default: return .noOverload("size")
        }
    }

    /// `a in b`: list membership by CEL equality, or map key presence.
    static func contains(_ container: Value, _ element: Value) -> RValue {
        switch container {
        case .list(let l):
            for e in l.elements where equal(e, element) { return .true }
            return .false
        case .map(let m):
            return .bool(lookup(m, element) != nil)
        default:
            return .noOverload("@in")
        }
    }

    /// `a[b]` on lists and maps.
    static func index(_ a: Value, _ b: Value) -> RValue {
        switch a {
        case .list(let l):
            let i: Int64
            switch b {
            case .int(let x): i = x
            case .uint(let x):
                guard x <= UInt64(Int64.max) else { return .err("index out of range", .indexOutOfRange) }
                i = Int64(x)
            case .double(let d):
                guard let x = Int64(exactly: d) else { return .err("invalid list index: \(d)") }
                i = x
            default: return .noOverload("_[_]")
            }
            guard i >= 0, i < Int64(l.count) else { return .err("index out of range: \(i)", .indexOutOfRange) }
            return .value(l.elements[Int(i)])
        case .map(let m):
            switch b {
            case .int, .uint, .double, .bool, .string:
                if let j = lookup(m, b) { return .value(m.value(at: j)) }
                return .err("no such key: \(Format.debug(b))", .noSuchKey)
            default: return .err("unsupported key type: \(b.kindName)")
            }
        default: return .noOverload("_[_]")
        }
    }
}
