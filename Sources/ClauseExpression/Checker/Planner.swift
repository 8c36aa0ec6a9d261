import ClauseValue

/// A problem found while checking an expression, at a byte offset inside it.
struct CheckError: Error {
    var offset: Int
    var message: String
    var notes: [String] = []
    /// Already in the planner's `errors`: it only stops the plan of the expressions around it.
    var recorded = false
}

/// "Did you mean" for a misspelt name: the closest candidate within a small edit distance.
enum Suggestion {
    static func closest(to name: String, in candidates: some Sequence<String>) -> String? {
        let target = Array(name.lowercased().unicodeScalars)
        var best: (String, Int)? = nil
        for c in candidates where c != name && !c.hasPrefix("@") {
            let d = distance(target, Array(c.lowercased().unicodeScalars))
            if d <= max(1, target.count / 3), d < (best?.1 ?? Int.max) { best = (c, d) }
        }
        return best?.0
    }

    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var prev = Array(0...b.count)
        for i in 1...a.count {
            var cur = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            prev = cur
        }
        return prev[b.count]
    }

    static func notes(_ name: String, _ candidates: some Sequence<String>) -> [String] {
        closest(to: name, in: candidates).map { ["did you mean '\($0)'?"] } ?? []
    }
}

/// Forwards its operand unchanged but hides constness: `dyn(x)` defers type errors to run time.
final class DynNode: Node {
    let operand: Node
    init(id: Int, _ operand: Node) { self.operand = operand; super.init(id: id) }
    override func eval(_ f: Frame) -> RValue { operand.eval(f) }
}

/// Checks a parsed expression and plans it into evaluator nodes in one pass: names are resolved
/// to slots, functions to their implementation, literal-only calls folded, and calls that can
/// never succeed reported as compile errors.
struct Planner {
    let environment: Environment
    let offsets: [Int]
    let declared: Set<String>
    let prefixes: [String]
    var varSlots: [String: Int] = [:]
    var varNames: [String] = []
    /// Names left to the activation (undeclared, with `allowUndeclared`), in first-use order.
    var undeclaredNames: [String] = []
    var scopes: [(name: String, slot: Int)] = []
    var localCount = 0
    /// Errors found in sibling subexpressions, so that one expression reports all it holds.
    var errors: [CheckError] = []
    /// Calls given exactly one path (`date(it.sla.reviewed_on)`): the path, by call node.
    var subjects: [Int: [String]] = [:]
    /// What each comprehension and `cel.bind` reads from outside itself (`analyseReads`).
    var freeReads: [Int: FreeReads] = [:]

    init(environment: Environment, offsets: [Int]) {
        self.environment = environment
        self.offsets = offsets
        declared = Set(environment.variables)
        var prefixes: [String] = []
        var parts = environment.container.split(separator: ".").map(String.init)
        while !parts.isEmpty {
            prefixes.append(parts.joined(separator: ".") + ".")
            parts.removeLast()
        }
        prefixes.append("")
        self.prefixes = prefixes
    }

    func error(_ e: Expr, _ message: String) -> CheckError { CheckError(offset: offsets[e.id], message: message) }

    /// Plans every one of a set of sibling subexpressions even when one fails, so that an
    /// author fixing an expression sees all its errors at once rather than one per run. A
    /// failure is recorded once; what is thrown upward only stops the enclosing plan.
    mutating func planAll(_ es: [Expr]) throws(CheckError) -> [Node] {
        var failure: CheckError? = nil
        let nodes = es.compactMap { attempt($0, &failure) }
        if let failure { throw failure }
        return nodes
    }

    /// Plans one subexpression, or records its error and keeps the first failure for the caller.
    mutating func attempt(_ e: Expr, _ failure: inout CheckError?) -> Node? {
        do {
            return try plan(e)
        } catch {
            var e = error
            if !e.recorded {
                e.recorded = true
                errors.append(e)
            }
            failure = failure ?? e
            return nil
        }
    }

    var checked: Bool { environment.checked }

    mutating func slot(for name: String) -> Int {
        if let s = varSlots[name] { return s }
        let s = varNames.count
        varSlots[name] = s
        varNames.append(name)
        return s
    }

    func local(_ name: String) -> Int? {
        for s in scopes.reversed() where s.name == name { return s.slot }
        return nil
    }

    /// Resolves a possibly qualified name against declarations and the container, then type names.
    mutating func resolve(_ name: String, absolute: Bool, id: Int) -> Node? {
        let candidates = absolute ? [name] : prefixes.map { $0 + name }
        for c in candidates where declared.contains(c) { return VarNode(id: id, slot: slot(for: c)) }
        if let t = CELType.byName[name] { return ConstNode(id: id, .type(t)) }
        return nil
    }

    /// The parts of `a.b.c` when it is a chain of plain selections over an identifier.
    func qualifiedParts(_ e: Expr) -> (parts: [String], absolute: Bool)? {
        switch e.kind {
        case .ident(let n, let abs): return ([n], abs)
        case .select(let t, let f, false):
            guard var q = qualifiedParts(t) else { return nil }
            q.parts.append(f)
            return q
        default: return nil
        }
    }

    mutating func plan(_ e: Expr) throws(CheckError) -> Node {
        let id = e.id
        switch e.kind {
        case .null: return ConstNode(id: id, .null)
        case .bool(let b): return ConstNode(id: id, .bool(b))
        case .int(let i): return ConstNode(id: id, .int(i))
        case .uint(let u): return ConstNode(id: id, .value(.uint(u)))
        case .double(let d): return ConstNode(id: id, .value(.double(d)))
        case .string(let s): return ConstNode(id: id, .value(.string(s)))
        case .bytes(let b): return ConstNode(id: id, .value(.bytes(b)))
        case .ident, .select(_, _, false):
            if let (parts, absolute) = qualifiedParts(e) {
                return try planName(e, parts, absolute: absolute)
            }
            guard case .select(let t, let f, _) = e.kind else { throw error(e, "undeclared reference") }
            return SelectNode(id: id, try plan(t), f)
        case .select(let t, let f, true):
            return OptSelectNode(id: id, try plan(t), f)
        case .has(let t, let f):
            let n = HasNode(id: id, try plan(t), f)
            n.inferred = .bool
            return n
        case .index(let t, let k, let optional):
            let ops = try planAll([t, k])
            return try fold(ops, name: "_[_]", at: e) { IndexNode(id: id, $0[0], $0[1], optional: optional) }
        case .list(let elems, let opts):
            let nodes = try planAll(elems)
            return literal(ListNode(id: id, nodes, optional: opts), nodes)
        case .map(let entries):
            let planned = try planAll(entries.flatMap { [$0.key, $0.value] })
            let ks = stride(from: 0, to: planned.count, by: 2).map { planned[$0] }
            let vs = stride(from: 1, to: planned.count, by: 2).map { planned[$0] }
            if checked {
                for (i, k) in ks.enumerated() {
                    if case .value(let kv)? = k.constant, !Ops.isValidKey(kv) {
                        throw error(entries[i].key, "unsupported map key type '\(kv.kindName)'")
                    }
                }
            }
            return literal(MapNode(id: id, keys: ks, values: vs, optional: entries.map(\.optional)), ks + vs)
        case .message(let name, _):
            if checked { throw error(e, "message construction is not supported: '\(name)'") }
            return FailNode(id: id, "message construction is not supported: '\(name)'")
        case .comprehension(let kind, let target, let vars, let args):
            var failure: CheckError? = nil
            let planned = attempt(target, &failure)
            let s1 = localCount
            localCount += 1
            var s2 = -1
            scopes.append((vars[0], s1))
            if vars.count > 1 {
                s2 = localCount
                localCount += 1
                scopes.append((vars[1], s2))
            }
            defer { scopes.removeLast(vars.count) }
            var predicate: Node? = nil, transform: Node? = nil
            switch kind {
            case .all, .exists, .existsOne, .filter, .all2, .exists2, .existsOne2:
                predicate = try plan(args[0])
            case .optMap, .optFlatMap:
                let body = try plan(args[0])
                guard let range = planned, failure == nil else { throw failure ?? error(target, "invalid range") }
                return OptMapNode(id: id, range, slot: s1, body, flat: kind == .optFlatMap)
            case .map, .transformList, .transformMap:
                transform = try plan(args[0])
            case .mapFilter, .transformListFilter, .transformMapFilter:
                let both = try planAll([args[0], args[1]])
                predicate = both[0]
                transform = both[1]
            }
            guard let range = planned, failure == nil else { throw failure ?? error(target, "invalid range") }
            let n = ComprehensionNode(id: id, kind: kind, range: range, v1: s1, v2: s2, predicate: predicate, transform: transform)
            switch kind {
            case .all, .exists, .existsOne, .all2, .exists2, .existsOne2: n.inferred = .bool
            case .map, .mapFilter, .filter, .transformList, .transformListFilter: n.inferred = .list
            case .transformMap, .transformMapFilter: n.inferred = .map
            case .optMap, .optFlatMap: break
            }
            if checked, let t = range.staticType, t != .list, t != .map {
                throw error(target, "expression of type '\(t.name)' cannot be the range of a comprehension")
            }
            if environment.optimizeJoins, vars.count == 1, let j = Self.join(n, predicate: args[0], variable: vars[0]) {
                return memoized(j, e)
            }
            return memoized(n, e)
        case .bind(let name, let initial, let body):
            var failure: CheckError? = nil
            let i = attempt(initial, &failure)
            let s = localCount
            localCount += 1
            scopes.append((name, s))
            defer { scopes.removeLast() }
            let b = try plan(body)
            guard let i, failure == nil else { throw failure ?? error(initial, "invalid initial value") }
            return memoized(BindNode(id: id, slot: s, i, b), e)
        case .call(let name, let target, let args):
            return try planCall(e, name, target, args)
        }
    }

    mutating func planName(_ e: Expr, _ parts: [String], absolute: Bool) throws(CheckError) -> Node {
        // Comprehension variables shadow everything, and only bind the first part.
        var node: Node? = nil
        var used = 0
        if !absolute, let s = local(parts[0]) {
            node = LocalNode(id: e.id, slot: s)
            used = 1
        } else {
            for k in stride(from: parts.count, through: 1, by: -1) {
                if let n = resolve(parts[0..<k].joined(separator: "."), absolute: absolute, id: e.id) {
                    node = n
                    used = k
                    break
                }
            }
        }
        if node == nil {
            if environment.allowUndeclared || !checked {
                let name = parts[0]
                let candidates = absolute ? [name] : prefixes.map { $0 + name }
                node = DynamicIdentNode(id: e.id, names: candidates)
                if !undeclaredNames.contains(name) { undeclaredNames.append(name) }
                used = 1
            } else {
                var err = error(e, "undeclared reference to '\(parts.joined(separator: "."))'")
                err.notes = Suggestion.notes(parts[0], environment.variables + scopes.map(\.name))
                throw err
            }
        }
        for f in parts[used...] { node = SelectNode(id: e.id, node!, f) }
        return node!
    }

    static let binaryOps: Set<String> = ["_==_", "_!=_", "_<_", "_<=_", "_>_", "_>=_", "_+_", "_-_", "_*_", "_/_", "_%_", "@in"]

    mutating func planCall(_ e: Expr, _ name: String, _ target: Expr?, _ args: [Expr]) throws(CheckError) -> Node {
        let id = e.id
        if target == nil {
            switch name {
            case "_&&_", "_||_":
                var operands: [Expr] = []
                var stack = args
                // Flatten chains so a long `a && b && c ...` evaluates in a loop, not by recursion.
                while !stack.isEmpty {
                    let x = stack.removeFirst()
                    if case .call(name, nil, let inner) = x.kind {
                        stack.insert(contentsOf: inner, at: 0)
                    } else {
                        operands.append(x)
                    }
                }
                let nodes = try planAll(operands)
                if checked {
                    for n in nodes {
                        if let t = n.staticType, t != .bool {
                            throw CheckError(offset: offsets[n.id], message: "no matching overload for '\(name == "_&&_" ? "&&" : "||")' applied to '\(t.name)'")
                        }
                    }
                }
                return try fold(nodes, name: name, at: e) { LogicNode(id: id, $0, decider: name == "_||_") }
            case "!_":
                let a = try plan(args[0])
                return try fold([a], name: "!", at: e) { NotNode(id: id, $0[0]) }
            case "-_":
                let a = try plan(args[0])
                return try fold([a], name: "-", at: e) { NegNode(id: id, $0[0]) }
            case "_?_:_":
                let cab = try planAll(args)
                let c = cab[0], a = cab[1], b = cab[2]
                if checked, let t = c.staticType, t != .bool {
                    throw error(args[0], "no matching overload for '_?_:_' applied to '\(t.name)'")
                }
                return CondNode(id: id, c, a, b)
            default:
                if Self.binaryOps.contains(name) {
                    let ab = try planAll(args)
                    let shown = name == "@in" ? "in" : String(name.dropFirst().dropLast())
                    return try fold(ab, name: shown, at: e) { x in
                        let a = x[0], b = x[1]
                        switch name {
                        case "_==_": return EqNode(id: id, a, b, negate: false)
                        case "_!=_": return EqNode(id: id, a, b, negate: true)
                        case "_<_": return RelNode(id: id, a, b, .lt)
                        case "_<=_": return RelNode(id: id, a, b, .le)
                        case "_>_": return RelNode(id: id, a, b, .gt)
                        case "_>=_": return RelNode(id: id, a, b, .ge)
                        case "_+_": return ArithNode(id: id, a, b, .add)
                        case "_-_": return ArithNode(id: id, a, b, .sub)
                        case "_*_": return ArithNode(id: id, a, b, .mul)
                        case "_/_": return ArithNode(id: id, a, b, .div)
                        case "_%_": return ArithNode(id: id, a, b, .mod)
                        default: return InNode(id: id, a, b, indexed: environment.optimizeJoins)
                        }
                    }
                }
            }
        }

        if !declared.contains("cel"), let t = target, case .ident("cel", false) = t.kind {
            if let n = Parser.blockName(e) {
                guard let s = local(n) else { throw error(e, "undeclared reference to '\(n)'") }
                return LocalNode(id: id, slot: s)
            }
            if name == "block", args.count == 2 {
                guard case .list(let entries, _) = args[0].kind else { throw error(args[0], "cel.block requires a list literal") }
                var slots: [Int] = [], nodes: [Node] = []
                defer { scopes.removeLast(slots.count) }
                for (i, entry) in entries.enumerated() {
                    nodes.append(try plan(entry))
                    let s = localCount
                    localCount += 1
                    slots.append(s)
                    scopes.append(("@index:\(i)", s))
                }
                return BlockNode(id: id, slots: slots, nodes, try plan(args[1]))
            }
        }

        // A namespaced global function such as `math.greatest(...)` parses as a receiver call.
        var fname = name.hasPrefix(".") ? String(name.dropFirst()) : name
        var receiver: Expr? = target
        if let t = target, let (parts, _) = qualifiedParts(t), local(parts[0]) == nil {
            let q = parts.joined(separator: ".") + "." + name
            if Library.lookup(q) != nil, !declared.contains(parts[0]) {
                fname = q
                receiver = nil
            }
        }
        let argExprs = (receiver.map { [$0] } ?? []) + args
        let argNodes = try planAll(argExprs)
        let paths = argExprs.compactMap { qualifiedParts($0)?.parts }
        if paths.count == 1 { subjects[id] = paths[0] }

        if fname == "dyn", receiver == nil, argNodes.count == 1 { return DynNode(id: id, argNodes[0]) }

        guard let overloads = Library.lookup(fname) else {
            let msg = "undeclared reference to '\(fname)'"
            if checked {
                var err = error(e, msg)
                err.notes = Suggestion.notes(fname, Array(Library.table.keys) + ["all", "exists", "exists_one", "map", "filter", "has"])
                throw err
            }
            return FailNode(id: id, msg, args: argNodes)
        }
        guard let o = overloads.first(where: { $0.argc == argNodes.count && $0.receiver == (receiver != nil) }) else {
            let style = receiver != nil ? "method" : "function"
            let msg = "no matching overload for \(style) '\(fname)' with \(args.count) argument\(args.count == 1 ? "" : "s")"
            if checked { throw error(e, msg) }
            return FailNode(id: id, msg, args: argNodes)
        }

        // A literal pattern is compiled once, here.
        if fname == "matches", argNodes.count == 2, case .value(.string(let p))? = argNodes[1].constant {
            let re: Regex
            do { re = try Regex(p) } catch {
                throw self.error(args.count == 2 ? args[1] : args[0], "invalid regular expression: \(error.message)")
            }
            return try fold([argNodes[0]], name: fname, at: e) {
                Call1Node(id: id, { x in
                    guard case .value(.string(let s)) = x else { return .noOverload("matches") }
                    return .bool(re.matches(s))
                }, $0[0], strict: true, factor: max(re.program.count, 2))
            }
        }

        let weight = CallWeight.of(fname)
        let builtin = TimeLayout.fixed(fname, argNodes) ?? o.builtin
        return try fold(argNodes, name: fname, at: e) { x in
            switch (builtin, x.count) {
            case (.unary(let f), 1): return Call1Node(id: id, f, x[0], strict: o.strict, weight: weight)
            case (.binary(let f), 2): return Call2Node(id: id, f, x[0], x[1], weight: weight)
            case (.ternary(let f), 3): return Call3Node(id: id, f, x[0], x[1], x[2], weight: weight)
            case (.nary(let f), _): return CallNNode(id: id, f, x, weight: weight)
            default: return CallNNode(id: id, { _ in .err("internal: no implementation of '\(fname)' for \(x.count) arguments") }, x)
            }
        }
    }

    /// A list or map literal of literals is built once, here (`x in ['a', 'b']` allocates nothing).
    func literal(_ n: Node, _ parts: [Node]) -> Node {
        n.inferred = n is ListNode ? .list : .map
        guard parts.allSatisfy({ $0.constant != nil }) else { return n }
        let r = Program.evaluateDetached(n, limits: environment.limits)
        if case .value = r { return ConstNode(id: n.id, r) }
        return n
    }

    /// Functions whose result kind depends on the argument values, not only their kinds.
    static let valueDependent: Set<String> = ["math.greatest", "math.least", "_[_]", "dyn"]

    /// A value of each kind, to try an operation on operands whose kinds are known statically.
    static func representative(_ t: CELType) -> RValue? {
        switch t {
        case .int: return .int(1)
        case .uint: return .value(.uint(1))
        case .double: return .value(.double(1))
        case .bool: return .true
        case .string: return .value(.string("a"))
        case .bytes: return .value(.bytes([0x61]))
        case .list: return .value(.list([]))
        case .map: return .value(.map([]))
        case .null: return .null
        case .timestamp: return .value(.timestamp(Timestamp(seconds: 0)))
        case .duration: return .value(.duration(Interval(seconds: 1)))
        case .type: return .type(.int)
        default: return nil
        }
    }

    /// Builds the node for an operation and checks it as far as the operands' kinds are known.
    ///
    /// Literal operands: the operation is evaluated now (constant folding). Operands of known kind
    /// (literals, comparisons, `size()`, conversions...): the operation is tried on representative
    /// values of those kinds; "no such overload" there means it can never succeed, so it is
    /// reported now, and otherwise the result's kind is remembered for the enclosing operation.
    func fold(_ operands: [Node], name: String, at e: Expr, _ make: ([Node]) -> Node) throws(CheckError) -> Node {
        let n = make(operands)
        if operands.allSatisfy({ $0.constant != nil }) {
            let r = Program.evaluateDetached(n, limits: environment.limits)
            switch r {
            case .error(let f):
                if checked, f.kind == .noOverload {
                    let types = operands.map { $0.constant!.celType.name }.joined(separator: ", ")
                    throw error(e, "no matching overload for '\(name)' applied to (\(types))")
                }
                return n
            default:
                return ConstNode(id: n.id, r)
            }
        }
        n.inferred = Library.resultTypes[name]
        var reps: [Node] = []
        for o in operands {
            guard let t = o.staticType, let r = Self.representative(t) else { return n }
            reps.append(ConstNode(id: o.id, r))
        }
        let r = Program.evaluateDetached(make(reps), limits: environment.limits)
        switch r {
        case .error(let f):
            if checked, f.kind == .noOverload {
                let types = operands.map { $0.staticType!.name }.joined(separator: ", ")
                throw error(e, "no matching overload for '\(name)' applied to (\(types))")
            }
        case .value(let v):
            if !Self.valueDependent.contains(name) { n.inferred = v.celType }
        case .type:
            n.inferred = .type
        default: break
        }
        return n
    }
}
