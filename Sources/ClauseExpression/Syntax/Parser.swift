/// Recursive-descent parser for CEL with macro expansion and a nesting limit.
///
/// Binary operators are parsed by precedence climbing so that one nesting level costs only a few
/// stack frames; `maxDepth` bounds the recursion so a hostile expression is an error, not a crash.
struct Parser {
    var tokens: [Token]
    var index = 0
    var offsets: [Int] = []
    var depth = 0
    let maxDepth: Int
    let macros: Bool

    init(_ text: String, maxDepth: Int, macros: Bool = true) throws(SyntaxError) {
        var lexer = Lexer(text)
        tokens = try lexer.tokenize()
        self.maxDepth = maxDepth
        self.macros = macros
    }

    static func parse(_ text: String, maxDepth: Int, macros: Bool = true) throws(SyntaxError) -> SyntaxTree {
        var p = try Parser(text, maxDepth: maxDepth, macros: macros)
        let root = try p.parseExpr()
        if case .eof = p.current.kind {} else {
            throw SyntaxError(offset: p.current.offset, message: "unexpected \(p.describe(p.current))")
        }
        return SyntaxTree(root: root, offsets: p.offsets)
    }

    var current: Token { tokens[index] }

    func describe(_ t: Token) -> String {
        switch t.kind {
        case .eof: return "end of expression"
        case .punct(let p): return "'\(p)'"
        case .ident(let s), .quotedIdent(let s): return "'\(s)'"
        case .int, .uint, .double: return "number"
        case .string, .bytes: return "string literal"
        }
    }

    mutating func make(_ kind: ExprKind, at offset: Int) -> Expr {
        offsets.append(offset)
        return Expr(id: offsets.count - 1, kind: kind)
    }

    func isPunct(_ p: String) -> Bool {
        if case .punct(let q) = current.kind { return q == p }
        return false
    }

    mutating func accept(_ p: String) -> Bool {
        if isPunct(p) { index += 1; return true }
        return false
    }

    mutating func expect(_ p: String) throws(SyntaxError) {
        guard accept(p) else {
            throw SyntaxError(offset: current.offset, message: "expected '\(p)', found \(describe(current))")
        }
    }

    mutating func enter() throws(SyntaxError) {
        depth += 1
        if depth > maxDepth {
            throw SyntaxError(offset: current.offset, message: "expression nested too deeply (limit \(maxDepth))")
        }
    }

    mutating func parseExpr() throws(SyntaxError) -> Expr {
        try enter()
        defer { depth -= 1 }
        let cond = try parseBinary(1)
        if isPunct("?") {
            let at = current.offset
            index += 1
            let a = try parseBinary(1)
            try expect(":")
            let b = try parseExpr()
            return make(.call("_?_:_", target: nil, args: [cond, a, b]), at: at)
        }
        return cond
    }

    func binaryOp() -> (String, Int)? {
        switch current.kind {
        case .punct(let p):
            switch p {
            case "||": return ("_||_", 1)
            case "&&": return ("_&&_", 2)
            case "==": return ("_==_", 3)
            case "!=": return ("_!=_", 3)
            case "<": return ("_<_", 3)
            case "<=": return ("_<=_", 3)
            case ">": return ("_>_", 3)
            case ">=": return ("_>=_", 3)
            case "+": return ("_+_", 4)
            case "-": return ("_-_", 4)
            case "*": return ("_*_", 5)
            case "/": return ("_/_", 5)
            case "%": return ("_%_", 5)
            default: return nil
            }
        case .ident("in"): return ("@in", 3)
        default: return nil
        }
    }

    mutating func parseBinary(_ minPrec: Int) throws(SyntaxError) -> Expr {
        var lhs = try parseUnary()
        var pushed = 0
        defer { depth -= pushed }
        var chained: String? = nil
        while let (name, prec) = binaryOp(), prec >= minPrec {
            let at = current.offset
            index += 1
            try enter()
            let rhs = try parseBinary(prec + 1)
            depth -= 1
            // `a && b && c` becomes one call with many operands (evaluated in a loop); other
            // left-associative chains deepen the tree, so they count against the nesting limit.
            if name == chained, case .call(let n, nil, var args) = lhs.kind {
                args.append(rhs)
                lhs = Expr(id: lhs.id, kind: .call(n, target: nil, args: args))
                continue
            }
            if name == "_&&_" || name == "_||_" {
                chained = name
            } else {
                try enter()
                pushed += 1
            }
            lhs = make(.call(name, target: nil, args: [lhs, rhs]), at: at)
        }
        return lhs
    }

    mutating func parseUnary() throws(SyntaxError) -> Expr {
        if isPunct("!") || isPunct("-") {
            try enter()
            defer { depth -= 1 }
            let at = current.offset
            let neg = isPunct("-")
            index += 1
            // Fold a minus into a numeric literal so that -9223372036854775808 is representable.
            if neg, case .int(let v) = current.kind, !nextIsMemberSuffix() {
                let litAt = current.offset
                index += 1
                if v <= UInt64(Int64.max) { return make(.int(-Int64(v)), at: at) }
                if v == UInt64(Int64.max) + 1 { return make(.int(Int64.min), at: at) }
                throw SyntaxError(offset: litAt, message: "integer literal out of range")
            }
            if neg, case .double(let d) = current.kind, !nextIsMemberSuffix() {
                index += 1
                return make(.double(-d), at: at)
            }
            let operand = try parseUnary()
            return make(.call(neg ? "-_" : "!_", target: nil, args: [operand]), at: at)
        }
        return try parseMember()
    }

    func nextIsMemberSuffix() -> Bool {
        guard index + 1 < tokens.count, case .punct(let p) = tokens[index + 1].kind else { return false }
        return p == "." || p == "[" || p == ".?"
    }

    mutating func parseMember() throws(SyntaxError) -> Expr {
        var e = try parsePrimary()
        var pushed = 0
        defer { depth -= pushed }
        while true {
            if isPunct(".") || isPunct(".?") {
                let optional = isPunct(".?")
                let at = current.offset
                index += 1
                let nameAt = current.offset
                let name: String
                switch current.kind {
                case .ident(let s), .quotedIdent(let s): name = s
                default: throw SyntaxError(offset: current.offset, message: "expected a field name after '.', found \(describe(current))")
                }
                var quoted = false
                if case .quotedIdent = current.kind { quoted = true }
                index += 1
                if !optional && !quoted && isPunct("(") {
                    let callAt = current.offset
                    index += 1
                    let args = try parseArgs(")")
                    try enter(); pushed += 1
                    e = try receiverCall(name, target: e, args: args, at: at, callAt: nameAt)
                    _ = callAt
                } else {
                    try enter(); pushed += 1
                    e = make(.select(e, name, optional: optional), at: at)
                }
            } else if isPunct("[") {
                let at = current.offset
                index += 1
                let optional = accept("?")
                let i = try parseExpr()
                try expect("]")
                try enter(); pushed += 1
                e = make(.index(e, i, optional: optional), at: at)
            } else if isPunct("{"), let name = qualifiedName(e) {
                let at = current.offset
                index += 1
                var fields: [(String, Expr, Bool)] = []
                while !isPunct("}") {
                    let opt = accept("?")
                    guard case .ident(let f) = current.kind else {
                        throw SyntaxError(offset: current.offset, message: "expected a field name, found \(describe(current))")
                    }
                    index += 1
                    try expect(":")
                    let v = try parseExpr()
                    fields.append((f, v, opt))
                    if !accept(",") { break }
                }
                try expect("}")
                e = make(.message(name, fields: fields), at: at)
            } else {
                return e
            }
        }
    }

    /// The internal name of `cel.iterVar(i, j)` / `cel.accuVar(i, j)` / `cel.index(i)` (the block
    /// extension's generated names), or nil.
    static func blockName(_ e: Expr) -> String? {
        guard case .call(let name, let target?, let args) = e.kind, case .ident("cel", false) = target.kind else { return nil }
        var ints: [Int64] = []
        for a in args { guard case .int(let i) = a.kind else { return nil }; ints.append(i) }
        switch (name, ints.count) {
        case ("iterVar", 2): return "@it:\(ints[0]):\(ints[1])"
        case ("accuVar", 2): return "@ac:\(ints[0]):\(ints[1])"
        case ("index", 1): return "@index:\(ints[0])"
        default: return nil
        }
    }

    func qualifiedName(_ e: Expr) -> String? {
        switch e.kind {
        case .ident(let n, let abs): return abs ? "." + n : n
        case .select(let t, let f, false): return qualifiedName(t).map { $0 + "." + f }
        default: return nil
        }
    }

    mutating func parseArgs(_ close: String) throws(SyntaxError) -> [Expr] {
        var args: [Expr] = []
        if accept(close) { return args }
        while true {
            args.append(try parseExpr())
            if accept(close) { return args }
            try expect(",")
        }
    }

    mutating func iterVar(_ e: Expr) throws(SyntaxError) -> String {
        if case .ident(let n, false) = e.kind { return n }
        if let n = Self.blockName(e) { return n }
        throw SyntaxError(offset: offsets[e.id], message: "argument must be a simple name")
    }

    mutating func receiverCall(_ name: String, target: Expr, args: [Expr], at: Int, callAt: Int) throws(SyntaxError) -> Expr {
        if macros {
            let kind: MacroKind?
            switch (name, args.count) {
            case ("all", 2): kind = .all
            case ("exists", 2): kind = .exists
            case ("exists_one", 2), ("existsOne", 2): kind = .existsOne
            case ("map", 2): kind = .map
            case ("map", 3): kind = .mapFilter
            case ("filter", 2): kind = .filter
            case ("optMap", 2): kind = .optMap
            case ("optFlatMap", 2): kind = .optFlatMap
            case ("all", 3): kind = .all2
            case ("exists", 3): kind = .exists2
            case ("exists_one", 3), ("existsOne", 3): kind = .existsOne2
            case ("transformList", 3): kind = .transformList
            case ("transformList", 4): kind = .transformListFilter
            case ("transformMap", 3): kind = .transformMap
            case ("transformMap", 4): kind = .transformMapFilter
            default: kind = nil
            }
            if let kind {
                let nvars = [.all2, .exists2, .existsOne2, .transformList, .transformListFilter, .transformMap, .transformMapFilter].contains(kind) ? 2 : 1
                var vars: [String] = []
                for i in 0..<nvars { vars.append(try iterVar(args[i])) }
                if nvars == 2 && vars[0] == vars[1] {
                    throw SyntaxError(offset: offsets[args[1].id], message: "duplicate variable name '\(vars[0])'")
                }
                return make(.comprehension(kind, target: target, vars: vars, args: Array(args[nvars...])), at: at)
            }
            if name == "bind", args.count == 3, case .ident("cel", false) = target.kind {
                let v = try iterVar(args[0])
                return make(.bind(v, args[1], args[2]), at: at)
            }
        }
        return make(.call(name, target: target, args: args), at: callAt)
    }

    mutating func parsePrimary() throws(SyntaxError) -> Expr {
        let tok = current
        let at = tok.offset
        switch tok.kind {
        case .int(let v):
            index += 1
            guard v <= UInt64(Int64.max) else { throw SyntaxError(offset: at, message: "integer literal out of range") }
            return make(.int(Int64(v)), at: at)
        case .uint(let v): index += 1; return make(.uint(v), at: at)
        case .double(let v): index += 1; return make(.double(v), at: at)
        case .string(let s): index += 1; return make(.string(s), at: at)
        case .bytes(let b): index += 1; return make(.bytes(b), at: at)
        case .quotedIdent:
            throw SyntaxError(offset: at, message: "quoted identifiers are only allowed after '.'")
        case .ident(let name):
            index += 1
            switch name {
            case "true": return make(.bool(true), at: at)
            case "false": return make(.bool(false), at: at)
            case "null": return make(.null, at: at)
            case "in": throw SyntaxError(offset: at, message: "unexpected 'in'")
            default: break
            }
            if Lexer.reserved.contains(name) {
                throw SyntaxError(offset: at, message: "reserved word '\(name)' cannot be used as an identifier")
            }
            if isPunct("(") {
                let callAt = current.offset
                index += 1
                try enter()
                defer { depth -= 1 }
                let args = try parseArgs(")")
                if macros && name == "has" && args.count == 1 {
                    guard case .select(let operand, let field, false) = args[0].kind else {
                        throw SyntaxError(offset: offsets[args[0].id], message: "invalid argument to has() macro")
                    }
                    return make(.has(operand, field), at: at)
                }
                _ = callAt
                return make(.call(name, target: nil, args: args), at: at)
            }
            return make(.ident(name, absolute: false), at: at)
        case .punct("."):
            index += 1
            guard case .ident(let name) = current.kind else {
                throw SyntaxError(offset: current.offset, message: "expected a name after '.', found \(describe(current))")
            }
            index += 1
            if isPunct("(") {
                index += 1
                try enter()
                defer { depth -= 1 }
                let args = try parseArgs(")")
                return make(.call("." + name, target: nil, args: args), at: at)
            }
            return make(.ident(name, absolute: true), at: at)
        case .punct("("):
            index += 1
            let e = try parseExpr()
            try expect(")")
            return e
        case .punct("["):
            index += 1
            try enter()
            defer { depth -= 1 }
            var elems: [Expr] = []
            var opts: [Bool] = []
            while !isPunct("]") {
                opts.append(accept("?"))
                elems.append(try parseExpr())
                if !accept(",") { break }
            }
            try expect("]")
            return make(.list(elems, optional: opts), at: at)
        case .punct("{"):
            index += 1
            try enter()
            defer { depth -= 1 }
            var entries: [MapEntry] = []
            while !isPunct("}") {
                let opt = accept("?")
                let k = try parseExpr()
                try expect(":")
                let v = try parseExpr()
                entries.append(MapEntry(key: k, value: v, optional: opt))
                if !accept(",") { break }
            }
            try expect("}")
            return make(.map(entries), at: at)
        default:
            throw SyntaxError(offset: at, message: "unexpected \(describe(tok))")
        }
    }
}
