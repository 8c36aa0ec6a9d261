import ClauseValue

/// The strings extension of cel-go: indices count Unicode code points.
enum Strings {
    typealias Register = (String, Int, Bool, Bool, Builtin) -> Void

    static func scalars(_ s: String) -> [Unicode.Scalar] { Array(s.unicodeScalars) }

    static func string(_ xs: some Sequence<Unicode.Scalar>) -> String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: xs)
        return String(s)
    }

    static func find(_ hay: [Unicode.Scalar], _ needle: [Unicode.Scalar], from: Int) -> Int? {
        if needle.isEmpty { return from }
        guard hay.count >= needle.count else { return nil }
        var i = from
        while i + needle.count <= hay.count {
            if hay[i] == needle[0] && Array(hay[i..<i + needle.count]) == needle { return i }
            i += 1
        }
        return nil
    }

    static func findLast(_ hay: [Unicode.Scalar], _ needle: [Unicode.Scalar], upTo: Int) -> Int? {
        var i = min(upTo, hay.count - needle.count)
        while i >= 0 {
            if Array(hay[i..<i + needle.count]) == needle { return i }
            i -= 1
        }
        return nil
    }

    static func int(_ v: Value) -> Int? { if case .int(let i) = v { Int(exactly: i) } else { nil } }

    static func register(_ add: (String, Int, Bool, Bool, Builtin) -> Void) {
        func r(_ name: String, _ argc: Int, _ b: Builtin) { add(name, argc, true, true, b) }
        r("charAt", 2, Library.v2("charAt") { s, i in
            guard case .string(let str) = s, let i = int(i) else { return .noOverload("charAt") }
            let u = scalars(str)
            guard i >= 0, i <= u.count else { return .err("index out of range: \(i)", .indexOutOfRange) }
            return .value(.string(i == u.count ? "" : String(u[i])))
        })
        r("indexOf", 2, Library.s2("indexOf") { s, t in
            .int(Int64(find(scalars(s), scalars(t), from: 0) ?? -1))
        })
        r("indexOf", 3, Library.v3("indexOf") { s, t, i in
            guard case .string(let s) = s, case .string(let t) = t, let i = int(i) else { return .noOverload("indexOf") }
            let u = scalars(s)
            guard i >= 0, i <= u.count else { return .err("index out of range: \(i)", .indexOutOfRange) }
            return .int(Int64(find(u, scalars(t), from: i) ?? -1))
        })
        r("lastIndexOf", 2, Library.s2("lastIndexOf") { s, t in
            let u = scalars(s), n = scalars(t)
            if n.isEmpty { return .int(Int64(u.count)) }
            return .int(Int64(findLast(u, n, upTo: u.count) ?? -1))
        })
        r("lastIndexOf", 3, Library.v3("lastIndexOf") { s, t, i in
            guard case .string(let s) = s, case .string(let t) = t, let i = int(i) else { return .noOverload("lastIndexOf") }
            let u = scalars(s), n = scalars(t)
            guard i >= 0, i <= u.count else { return .err("index out of range: \(i)", .indexOutOfRange) }
            if n.isEmpty { return .int(Int64(i)) }
            return .int(Int64(findLast(u, n, upTo: i) ?? -1))
        })
        r("lowerAscii", 1, Library.s1("lowerAscii") { s in
            .value(.string(string(s.unicodeScalars.map { $0.value >= 0x41 && $0.value <= 0x5A ? Unicode.Scalar($0.value + 32)! : $0 })))
        })
        r("upperAscii", 1, Library.s1("upperAscii") { s in
            .value(.string(string(s.unicodeScalars.map { $0.value >= 0x61 && $0.value <= 0x7A ? Unicode.Scalar($0.value - 32)! : $0 })))
        })
        r("replace", 3, Library.v3("replace") { s, a, b in
            guard case .string(let s) = s, case .string(let a) = a, case .string(let b) = b else { return .noOverload("replace") }
            return .value(.string(replace(s, a, b, limit: -1)))
        })
        r("replace", 4, .nary { xs in
            guard case .value(.string(let s)) = xs[0], case .value(.string(let a)) = xs[1], case .value(.string(let b)) = xs[2],
                  case .value(let nv) = xs[3], let n = int(nv) else { return .noOverload("replace") }
            return .value(.string(replace(s, a, b, limit: n)))
        })
        r("split", 2, Library.s2("split") { s, sep in .value(.list(ValueList(split(s, sep, limit: -1).map { .string($0) }))) })
        r("split", 3, Library.v3("split") { s, sep, n in
            guard case .string(let s) = s, case .string(let sep) = sep, let n = int(n) else { return .noOverload("split") }
            return .value(.list(ValueList(split(s, sep, limit: n).map { .string($0) })))
        })
        r("substring", 2, Library.v2("substring") { s, i in
            guard case .string(let s) = s, let i = int(i) else { return .noOverload("substring") }
            let u = scalars(s)
            guard i >= 0, i <= u.count else { return .err("index out of range: \(i)", .indexOutOfRange) }
            return .value(.string(string(u[i...])))
        })
        r("substring", 3, Library.v3("substring") { s, i, j in
            guard case .string(let s) = s, let i = int(i), let j = int(j) else { return .noOverload("substring") }
            let u = scalars(s)
            guard i >= 0, i <= u.count else { return .err("index out of range: \(i)", .indexOutOfRange) }
            guard j >= 0, j <= u.count else { return .err("index out of range: \(j)", .indexOutOfRange) }
            guard i <= j else { return .err("invalid substring range. start: \(i), end: \(j)") }
            return .value(.string(string(u[i..<j])))
        })
        r("trim", 1, Library.s1("trim") { s in
            let u = scalars(s)
            var a = 0, b = u.count
            while a < b, u[a].properties.isWhitespace { a += 1 }
            while b > a, u[b - 1].properties.isWhitespace { b -= 1 }
            return .value(.string(string(u[a..<b])))
        })
        r("join", 1, Library.v1("join") { l in join(l, "") })
        r("join", 2, Library.v2("join") { l, sep in
            guard case .string(let sep) = sep else { return .noOverload("join") }
            return join(l, sep)
        })
        r("reverse", 1, Library.s1("reverse") { s in .value(.string(string(s.unicodeScalars.reversed()))) })
        add("strings.quote", 1, false, true, Library.s1("strings.quote") { s in .value(.string(Format.quote(s))) })
        r("format", 2, Library.v2("format") { s, args in
            guard case .string(let f) = s, case .list(let l) = args else { return .noOverload("format") }
            return StringFormat.format(f, l.elements)
        })
    }

    static func join(_ l: Value, _ sep: String) -> RValue {
        guard case .list(let list) = l else { return .noOverload("join") }
        var parts: [String] = []
        for e in list.elements {
            guard case .string(let s) = e else { return .noOverload("join") }
            parts.append(s)
        }
        return .value(.string(parts.joined(separator: sep)))
    }

    static func replace(_ s: String, _ a: String, _ b: String, limit: Int) -> String {
        if limit == 0 { return s }
        let u = scalars(s), n = scalars(a), rep = scalars(b)
        var out: [Unicode.Scalar] = []
        var i = 0, count = 0
        if n.isEmpty {
            // Go: an empty pattern matches before every code point and at the end.
            for c in u {
                if limit < 0 || count < limit { out += rep; count += 1 }
                out.append(c)
            }
            if limit < 0 || count < limit { out += rep }
            return string(out)
        }
        while i < u.count {
            if (limit < 0 || count < limit), i + n.count <= u.count, Array(u[i..<i + n.count]) == n {
                out += rep
                i += n.count
                count += 1
            } else {
                out.append(u[i])
                i += 1
            }
        }
        return string(out)
    }

    static func split(_ s: String, _ sep: String, limit: Int) -> [String] {
        if limit == 0 { return [] }
        let u = scalars(s), n = scalars(sep)
        if n.isEmpty {
            var out = u.map { String($0) }
            if limit > 0 && out.count > limit {
                let rest = string(u[(limit - 1)...])
                out = Array(out[0..<(limit - 1)]) + [rest]
            }
            return out
        }
        var out: [String] = []
        var start = 0, i = 0
        while i + n.count <= u.count {
            if limit > 0 && out.count == limit - 1 { break }
            if Array(u[i..<i + n.count]) == n {
                out.append(string(u[start..<i]))
                i += n.count
                start = i
            } else {
                i += 1
            }
        }
        out.append(string(u[start...]))
        return out
    }
}
