import ClauseValue

/// JSON's notion of sameness, which `enum`, `const` and `uniqueItems` need and `Value`'s own
/// `==` does not give: 1, 1.0 and an unsigned 1 are one number, and strings are equal only
/// code point for code point (Swift's `==` would also equate canonically equivalent ones).
enum JSONEquality {
    /// Deep equality; maps compare as unordered sets of entries.
    static func equal(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.string(let x), .string(let y)): return sameText(x, y)
        case (.int, _), (.uint, _), (.double, _): return compare(a, b) == 0
        case (.list(let x), .list(let y)):
            guard x !== y else { return true }
            guard x.count == y.count else { return false }
            for i in 0..<x.count where !equal(x[i], y[i]) { return false }
            return true
        case (.map(let x), .map(let y)):
            if x === y { return true }
            guard x.count == y.count else { return false }
            for i in 0..<x.count {
                guard let at = y.position(of: x.key(at: i)), equal(x.value(at: i), y.value(at: at)) else { return false }
            }
            return true
        case (.bytes, .bytes), (.timestamp, .timestamp), (.duration, .duration): return a == b
        default: return false
        }
    }

    /// Code-point equality of two strings: their UTF-8 bytes compared in place (a native
    /// string's bytes are contiguous; a short one is copied to the stack, not the heap).
    static func sameText(_ x: String, _ y: String) -> Bool {
        guard x.utf8.count == y.utf8.count else { return false }
        var x = x, y = y
        return x.withUTF8 { a in y.withUTF8 { b in a.elementsEqual(b) } }
    }

    /// Orders two numbers exactly (no rounding through `Double` for large integers): -1, 0 or 1;
    /// nil when either is not a number or is NaN.
    static func compare(_ a: Value, _ b: Value) -> Int? {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y ? -1 : (x > y ? 1 : 0)
        case (.uint(let x), .uint(let y)): return x < y ? -1 : (x > y ? 1 : 0)
        case (.double(let x), .double(let y)):
            if x.isNaN || y.isNaN { return nil }
            return x < y ? -1 : (x > y ? 1 : 0)
        case (.int(let x), .uint(let y)): return x < 0 ? -1 : compare(.uint(UInt64(x)), .uint(y))
        case (.uint, .int): return compare(b, a).map { -$0 }
        case (.int(let x), .double(let y)): return compare(x, y)
        case (.double, .int): return compare(b, a).map { -$0 }
        case (.uint(let x), .double(let y)): return compare(x, y)
        case (.double, .uint): return compare(b, a).map { -$0 }
        default: return nil
        }
    }

    private static let twoTo63 = 9_223_372_036_854_775_808.0
    private static let twoTo64 = 18_446_744_073_709_551_616.0

    private static func compare(_ x: Int64, _ y: Double) -> Int? {
        if y.isNaN { return nil }
        if y >= twoTo63 { return -1 }
        if y < -twoTo63 { return 1 }
        let whole = y.rounded(.towardZero)
        let w = Int64(whole)
        if x != w { return x < w ? -1 : 1 }
        let fraction = y - whole
        return fraction > 0 ? -1 : (fraction < 0 ? 1 : 0)
    }

    private static func compare(_ x: UInt64, _ y: Double) -> Int? {
        if y.isNaN { return nil }
        if y < 0 { return 1 }
        if y >= twoTo64 { return -1 }
        let whole = y.rounded(.towardZero)
        let w = UInt64(whole)
        if x != w { return x < w ? -1 : 1 }
        return y > whole ? -1 : 0
    }

    /// Feeds `value` to `hasher` so that JSON-equal values hash alike (1 and 1.0 included).
    static func hash(_ value: Value, into hasher: inout Hasher) {
        switch value {
        case .null: hasher.combine(0 as UInt8)
        case .bool(let b): hasher.combine(1 as UInt8); hasher.combine(b)
        case .int(let i): hasher.combine(2 as UInt8); hasher.combine(i)
        case .uint(let u):
            hasher.combine(2 as UInt8)
            if u <= UInt64(Int64.max) { hasher.combine(Int64(u)) } else { hasher.combine(u) }
        case .double(let d):
            hasher.combine(2 as UInt8)
            if d.rounded(.towardZero) == d, d >= -twoTo63, d < twoTo63 {
                hasher.combine(Int64(d))
            } else if d.rounded(.towardZero) == d, d >= 0, d < twoTo64 {
                hasher.combine(UInt64(d))
            } else {
                hasher.combine(d)
            }
        case .string(let s): hasher.combine(3 as UInt8); hasher.combine(s)
        case .bytes(let b): hasher.combine(4 as UInt8); hasher.combine(b)
        case .list(let l):
            hasher.combine(5 as UInt8)
            hasher.combine(l.count)
            for element in l { hash(element, into: &hasher) }
        case .map(let m):
            hasher.combine(6 as UInt8)
            hasher.combine(m.count)
            var combined = 0
            for i in 0..<m.count {
                var entry = Hasher()
                entry.combine(m.key(at: i))
                hash(m.value(at: i), into: &entry)
                combined ^= entry.finalize()
            }
            hasher.combine(combined)
        case .timestamp(let t): hasher.combine(7 as UInt8); hasher.combine(t)
        case .duration(let d): hasher.combine(8 as UInt8); hasher.combine(d)
        }
    }
}
