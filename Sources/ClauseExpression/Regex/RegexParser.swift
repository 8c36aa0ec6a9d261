/// The syntax tree of a regular expression.
indirect enum RegexNode {
    case empty
    case chars(Regex.CharClass, literal: Bool)
    case concat([RegexNode])
    case alt([RegexNode])
    case repetition(RegexNode, min: Int, max: Int?)
    case assertion(Regex.Assertion)

    /// The exact text this pattern matches, when it is a plain literal.
    var literalScalars: [Unicode.Scalar]? {
        switch self {
        case .empty: return []
        case .chars(let c, true): return Unicode.Scalar(c.ranges[0].0).map { [$0] }
        case .concat(let xs):
            var out: [Unicode.Scalar] = []
            for x in xs {
                guard let l = x.literalScalars else { return nil }
                out += l
            }
            return out
        default: return nil
        }
    }
}

/// Parses RE2 syntax: literals, `.`, classes with ranges and negation, `\d\w\s\D\W\S\b\B`,
/// anchors, groups (capturing, `(?:...)`, named), alternation, `* + ? {m,n}` greedy or lazy,
/// and the flags `i`, `m`, `s`, `U`.
struct RegexParser {
    let p: [Unicode.Scalar]
    var i = 0
    var caseInsensitive = false
    var dotAll = false
    var multiLine = false
    var depth = 0

    init(_ p: [Unicode.Scalar]) { self.p = p }

    func err(_ m: String) -> Regex.Error { Regex.Error(message: m) }

    mutating func parse() throws(Regex.Error) -> RegexNode {
        let n = try parseAlt()
        if i < p.count { throw err("unexpected ')'") }
        return n
    }

    mutating func parseAlt() throws(Regex.Error) -> RegexNode {
        depth += 1
        defer { depth -= 1 }
        if depth > 200 { throw err("expression nests too deeply") }
        var alts = [try parseConcat()]
        while i < p.count, p[i] == "|" {
            i += 1
            alts.append(try parseConcat())
        }
        return alts.count == 1 ? alts[0] : .alt(alts)
    }

    mutating func parseConcat() throws(Regex.Error) -> RegexNode {
        var items: [RegexNode] = []
        while i < p.count, p[i] != "|", p[i] != ")" {
            if let atom = try parseAtom() {
                items.append(try parseRepeat(atom))
            }
        }
        return items.count == 1 ? items[0] : (items.isEmpty ? .empty : .concat(items))
    }

    mutating func parseRepeat(_ atom: RegexNode) throws(Regex.Error) -> RegexNode {
        var node = atom
        var repeated = false
        while i < p.count {
            let c = p[i]
            var minR = 0, maxR: Int? = nil
            if c == "*" { i += 1 } else if c == "+" { minR = 1; i += 1 } else if c == "?" { maxR = 1; i += 1 } else if c == "{" {
                guard let (a, b, len) = counted(at: i) else { return node }
                i += len
                minR = a
                maxR = b
                if a > 1000 || (b ?? 0) > 1000 { throw err("bad repetition operator: repeat count too large") }
                if let b, b < a { throw err("bad repetition operator") }
            } else { break }
            if repeated { throw err("bad repetition operator: invalid nested repetition operator") }
            repeated = true
            if i < p.count, p[i] == "?" { i += 1 } // lazy: the same for a yes/no match
            node = .repetition(node, min: minR, max: maxR)
        }
        return node
    }

    /// Reads `{m}`, `{m,}` or `{m,n}` at `at`; nil when it is not a repetition (then `{` is literal).
    func counted(at: Int) -> (Int, Int?, Int)? {
        var j = at + 1
        func num() -> Int? {
            var v = 0, any = false
            while j < p.count, let d = Int(String(p[j])), p[j].isASCII { v = min(v * 10 + d, 100_000); j += 1; any = true }
            return any ? v : nil
        }
        guard let a = num() else { return nil }
        var b: Int? = a
        if j < p.count, p[j] == "," {
            j += 1
            b = num()
        }
        guard j < p.count, p[j] == "}" else { return nil }
        return (a, b, j + 1 - at)
    }

    func literal(_ c: Unicode.Scalar) -> RegexNode {
        if caseInsensitive {
            let folded = Self.fold(c)
            if folded.count > 1 { return .chars(Regex.CharClass(ranges: folded.map { ($0, $0) }, negated: false), literal: false) }
        }
        return .chars(Regex.CharClass(ranges: [(c.value, c.value)], negated: false), literal: true)
    }

    static func fold(_ c: Unicode.Scalar) -> [UInt32] {
        var out: Set<UInt32> = [c.value]
        let s = String(c)
        for v in [s.lowercased(), s.uppercased()] {
            let u = Array(v.unicodeScalars)
            if u.count == 1 { out.insert(u[0].value) }
        }
        if c == "k" || c == "K" { out.insert(0x212A) }
        if c == "s" || c == "S" { out.insert(0x17F) }
        return out.sorted()
    }

    mutating func parseAtom() throws(Regex.Error) -> RegexNode? {
        let c = p[i]
        switch c {
        case "(":
            i += 1
            let saved = (caseInsensitive, dotAll, multiLine)
            if i < p.count, p[i] == "?" {
                i += 1
                if i < p.count, p[i] == "P" || p[i] == "<" {
                    if p[i] == "P" { i += 1 }
                    guard i < p.count, p[i] == "<" else { throw err("invalid named capture") }
                    while i < p.count, p[i] != ">" { i += 1 }
                    guard i < p.count else { throw err("invalid named capture") }
                    i += 1
                } else {
                    var on = true
                    var sawColon = false
                    while i < p.count {
                        let f = p[i]
                        i += 1
                        switch f {
                        case "i": caseInsensitive = on
                        case "s": dotAll = on
                        case "m": multiLine = on
                        case "U": break
                        case "-": on = false
                        case ":": sawColon = true
                        case ")":
                            // Flags for the rest of the enclosing group.
                            return nil
                        default: throw err("invalid or unsupported Perl syntax: '(?\(f)'")
                        }
                        if sawColon { break }
                    }
                    guard sawColon else { throw err("missing closing )") }
                }
            }
            let inner = try parseAlt()
            guard i < p.count, p[i] == ")" else { throw err("missing closing )") }
            i += 1
            (caseInsensitive, dotAll, multiLine) = saved
            return inner
        case ")":
            throw err("unexpected )")
        case "[":
            return try parseClass()
        case ".":
            i += 1
            let ranges: [(UInt32, UInt32)] = dotAll ? [(0, 0x10FFFF)] : [(0, 9), (11, 0x10FFFF)]
            return .chars(Regex.CharClass(ranges: ranges, negated: false), literal: false)
        case "^":
            i += 1
            return .assertion(multiLine ? .beginLine : .beginText)
        case "$":
            i += 1
            return .assertion(multiLine ? .endLine : .endText)
        case "*", "+", "?":
            throw err("missing argument to repetition operator: '\(c)'")
        case "\\":
            i += 1
            guard i < p.count else { throw err("trailing backslash at end of expression") }
            let e = p[i]
            switch e {
            case "b": i += 1; return .assertion(.wordBoundary)
            case "B": i += 1; return .assertion(.notWordBoundary)
            case "A": i += 1; return .assertion(.beginText)
            case "z": i += 1; return .assertion(.endText)
            default:
                let cls = try parseEscape()
                if cls.ranges.count == 1, cls.ranges[0].0 == cls.ranges[0].1, !cls.negated, let s = Unicode.Scalar(cls.ranges[0].0) {
                    return literal(s)
                }
                return .chars(cls, literal: false)
            }
        default:
            i += 1
            return literal(c)
        }
    }

    static let digit: [(UInt32, UInt32)] = [(0x30, 0x39)]
    static let word: [(UInt32, UInt32)] = [(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)]
    static let space: [(UInt32, UInt32)] = [(0x09, 0x0A), (0x0C, 0x0D), (0x20, 0x20)]

    /// Reads an escape after the backslash (at `i`) as a class (a single char is a one-point class).
    mutating func parseEscape() throws(Regex.Error) -> Regex.CharClass {
        let e = p[i]
        i += 1
        func one(_ v: UInt32) -> Regex.CharClass { Regex.CharClass(ranges: [(v, v)], negated: false) }
        switch e {
        case "d": return Regex.CharClass(ranges: Self.digit, negated: false)
        case "D": return Regex.CharClass(ranges: Self.digit, negated: true)
        case "w": return Regex.CharClass(ranges: Self.word, negated: false)
        case "W": return Regex.CharClass(ranges: Self.word, negated: true)
        case "s": return Regex.CharClass(ranges: Self.space, negated: false)
        case "S": return Regex.CharClass(ranges: Self.space, negated: true)
        case "n": return one(10)
        case "t": return one(9)
        case "r": return one(13)
        case "f": return one(12)
        case "v": return one(11)
        case "a": return one(7)
        case "x":
            var v: UInt32 = 0
            if i < p.count, p[i] == "{" {
                i += 1
                while i < p.count, p[i] != "}" {
                    guard let d = p[i].properties.numericType != nil || "abcdefABCDEF".unicodeScalars.contains(p[i]) ? UInt32(String(p[i]), radix: 16) : nil else { throw err("invalid escape sequence") }
                    v = v &* 16 &+ d
                    guard v <= 0x10FFFF else { throw err("invalid escape sequence") }
                    i += 1
                }
                guard i < p.count else { throw err("invalid escape sequence") }
                i += 1
                return one(v)
            }
            for _ in 0..<2 {
                guard i < p.count, let d = UInt32(String(p[i]), radix: 16) else { throw err("invalid escape sequence") }
                v = v * 16 + d
                i += 1
            }
            return one(v)
        case "p", "P":
            // Unicode classes: letters and digits by general category, the common cases.
            var name = ""
            if i < p.count, p[i] == "{" {
                i += 1
                while i < p.count, p[i] != "}" { name.unicodeScalars.append(p[i]); i += 1 }
                i += 1
            } else if i < p.count {
                name = String(p[i])
                i += 1
            }
            let ranges: [(UInt32, UInt32)]
            switch name {
            case "L", "Latin", "Greek", "Lu", "Ll": ranges = Self.unicodeRanges(name)
            case "N", "Nd": ranges = Self.unicodeRanges(name)
            default: throw err("invalid character class range: \\p{\(name)}")
            }
            return Regex.CharClass(ranges: ranges, negated: e == "P")
        default:
            if e.isASCII, e.properties.isAlphabetic || e.properties.numericType != nil {
                throw err("invalid escape sequence: '\\\(e)'")
            }
            return one(e.value)
        }
    }

    /// Ranges of a Unicode property, computed by scanning the Basic Multilingual Plane once.
    static func unicodeRanges(_ name: String) -> [(UInt32, UInt32)] {
        var out: [(UInt32, UInt32)] = []
        var start: UInt32? = nil
        for v in UInt32(0)...0x2FFFF {
            var ok = false
            if let s = Unicode.Scalar(v) {
                let cat = s.properties.generalCategory
                switch name {
                case "L": ok = [.uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter].contains(cat)
                case "Lu": ok = cat == .uppercaseLetter
                case "Ll": ok = cat == .lowercaseLetter
                case "N": ok = [.decimalNumber, .letterNumber, .otherNumber].contains(cat)
                case "Nd": ok = cat == .decimalNumber
                case "Greek": ok = (0x370...0x3FF).contains(v) || (0x1F00...0x1FFF).contains(v)
                case "Latin": ok = s.properties.isAlphabetic && v < 0x250
                default: ok = false
                }
            }
            if ok { if start == nil { start = v } } else if let s = start { out.append((s, v - 1)); start = nil }
        }
        if let s = start { out.append((s, 0x2FFFF)) }
        return out
    }

    mutating func parseClass() throws(Regex.Error) -> RegexNode {
        i += 1
        var negated = false
        if i < p.count, p[i] == "^" { negated = true; i += 1 }
        var ranges: [(UInt32, UInt32)] = []
        var first = true
        while true {
            guard i < p.count else { throw err("missing closing ]") }
            if p[i] == "]" && !first { i += 1; break }
            first = false
            if p[i] == "[", i + 1 < p.count, p[i + 1] == ":" {
                var j = i + 2
                var name = ""
                while j < p.count, p[j] != ":" { name.unicodeScalars.append(p[j]); j += 1 }
                if j + 1 < p.count, p[j + 1] == "]" {
                    i = j + 2
                    var neg = false
                    if name.hasPrefix("^") { neg = true; name.removeFirst() }
                    let r: [(UInt32, UInt32)]
                    switch name {
                    case "alpha": r = [(0x41, 0x5A), (0x61, 0x7A)]
                    case "digit": r = Self.digit
                    case "alnum": r = [(0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A)]
                    case "space": r = [(0x09, 0x0D), (0x20, 0x20)]
                    case "upper": r = [(0x41, 0x5A)]
                    case "lower": r = [(0x61, 0x7A)]
                    case "punct": r = [(0x21, 0x2F), (0x3A, 0x40), (0x5B, 0x60), (0x7B, 0x7E)]
                    case "xdigit": r = [(0x30, 0x39), (0x41, 0x46), (0x61, 0x66)]
                    case "word": r = Self.word
                    default: throw err("invalid character class range: [:\(name):]")
                    }
                    ranges += neg ? Self.complement(r) : r
                    continue
                }
            }
            var lo: UInt32
            if p[i] == "\\" {
                i += 1
                guard i < p.count else { throw err("missing closing ]") }
                let cls = try parseEscape()
                if cls.ranges.count == 1 && cls.ranges[0].0 == cls.ranges[0].1 && !cls.negated {
                    lo = cls.ranges[0].0
                } else {
                    ranges += cls.negated ? Self.complement(cls.ranges) : cls.ranges
                    continue
                }
            } else {
                lo = p[i].value
                i += 1
            }
            var hi = lo
            if i + 1 < p.count, p[i] == "-", p[i + 1] != "]" {
                i += 1
                if p[i] == "\\" {
                    i += 1
                    guard i < p.count else { throw err("missing closing ]") }
                    let cls = try parseEscape()
                    guard cls.ranges.count == 1, cls.ranges[0].0 == cls.ranges[0].1 else { throw err("invalid character class range") }
                    hi = cls.ranges[0].0
                } else {
                    hi = p[i].value
                    i += 1
                }
                if hi < lo { throw err("invalid character class range") }
            }
            ranges.append((lo, hi))
        }
        if caseInsensitive {
            var extra: [(UInt32, UInt32)] = []
            for (lo, hi) in ranges where hi - lo < 2000 {
                for v in lo...hi {
                    if let s = Unicode.Scalar(v) { for f in Self.fold(s) where f != v { extra.append((f, f)) } }
                }
            }
            ranges += extra
        }
        return .chars(Regex.CharClass(ranges: ranges, negated: negated), literal: false)
    }

    static func complement(_ r: [(UInt32, UInt32)]) -> [(UInt32, UInt32)] {
        let sorted = r.sorted { $0.0 < $1.0 }
        var out: [(UInt32, UInt32)] = []
        var next: UInt32 = 0
        for (lo, hi) in sorted {
            if lo > next { out.append((next, lo - 1)) }
            next = max(next, hi &+ 1)
        }
        if next <= 0x10FFFF { out.append((next, 0x10FFFF)) }
        return out
    }
}

/// Emits the NFA program for a `RegexNode`.
struct RegexCompiler {
    var insts: [Regex.Inst] = []

    mutating func emit(_ n: RegexNode) throws(Regex.Error) {
        if insts.count > Regex.maxProgramSize { throw Regex.Error(message: "expression too large") }
        switch n {
        case .empty: break
        case .chars(let c, _): insts.append(.char(c))
        case .assertion(let a): insts.append(.assert(a))
        case .concat(let xs): for x in xs { try emit(x) }
        case .alt(let xs):
            var jumps: [Int] = []
            for (k, x) in xs.enumerated() {
                if k < xs.count - 1 {
                    let split = insts.count
                    insts.append(.split(split + 1, -1))
                    try emit(x)
                    jumps.append(insts.count)
                    insts.append(.jmp(-1))
                    insts[split] = .split(split + 1, insts.count)
                } else {
                    try emit(x)
                }
            }
            for j in jumps { insts[j] = .jmp(insts.count) }
        case .repetition(let x, let minR, let maxR):
            for _ in 0..<minR { try emit(x) }
            if let maxR {
                var splits: [Int] = []
                for _ in minR..<max(minR, maxR) {
                    splits.append(insts.count)
                    insts.append(.split(insts.count + 1, -1))
                    try emit(x)
                }
                for s in splits { insts[s] = .split(s + 1, insts.count) }
            } else {
                let loop = insts.count
                insts.append(.split(loop + 1, -1))
                try emit(x)
                insts.append(.jmp(loop))
                insts[loop] = .split(loop + 1, insts.count)
            }
        }
    }
}
