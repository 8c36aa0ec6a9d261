import ClauseValue

/// Mutable per-evaluation counters and limits, reached through a pointer so nodes stay immutable.
struct EvalState {
    var steps = 0
    /// Bytes of values built so far (`Limits.maxBuiltBytes`).
    var built = 0
    /// When to look at the run's deadline next.
    var nextCheck = 65_536
    var timedOut = false
    let limits: Limits
    let activation: Activation?

    init(limits: Limits, activation: Activation?) {
        self.limits = limits
        self.activation = activation
    }
}

/// What a node needs while evaluating: variable and local slots and the shared state.
/// Pointers rather than a class, so an evaluation allocates nothing on the heap.
struct Frame {
    let vars: UnsafeMutablePointer<RValue>
    let locals: UnsafeMutablePointer<RValue>
    let state: UnsafeMutablePointer<EvalState>

    /// Charges `n` steps against the cost budget; false when the budget is spent or the run's
    /// time is up (`exhausted` says which).
    @inline(__always) func charge(_ n: Int = 1) -> Bool {
        state.pointee.steps &+= n
        if state.pointee.steps >= state.pointee.nextCheck {
            state.pointee.nextCheck = state.pointee.steps &+ 65_536
            if RunDeadline.passed {
                state.pointee.timedOut = true
                return false
            }
        }
        return state.pointee.steps <= state.pointee.limits.costBudget
    }

    /// Why `charge` refused.
    var exhausted: String { state.pointee.timedOut ? Limit.timeMessage : Limit.costMessage }

    /// Counts `bytes` of newly built values; false once the evaluation has built more than
    /// `maxBuiltBytes` in all.
    @inline(__always) func build(_ bytes: Int) -> Bool {
        state.pointee.built &+= bytes
        return state.pointee.built <= state.pointee.limits.maxBuiltBytes
    }
}

/// A planned expression node. Subclasses are final; `eval` never throws: errors are values.
class Node {
    let id: Int
    init(id: Int) { self.id = id }
    /// Overridden by every node kind; the base answer is an error value, never a crash.
    func eval(_ f: Frame) -> RValue { .err("internal: node \(id) has no evaluator") }

    /// Whether the node is a literal, for constant folding.
    var constant: RValue? { nil }

    /// The kind of value the node produces, when the checker could tell (set while planning).
    var inferred: CELType?

    /// The statically known kind of this node's value, if any.
    var staticType: CELType? {
        if let c = constant {
            if case .value(let v) = c { return v.celType }
            if case .type = c { return .type }
            return nil
        }
        return inferred
    }

    @inline(__always) final func fail(_ message: String, _ kind: Fault.Kind = .other) -> RValue { .error(Fault(message, kind: kind, node: id)) }

    /// `no such overload: what`, located here.
    final func noOverload(_ what: String) -> RValue { .error(Fault("no such overload: \(what)", kind: .noOverload, node: id)) }

    /// Two operands evaluated left to right, then `body`; the first operand's error instead, as
    /// CEL's strict operators and calls propagate it.
    @inline(__always) final func binary(_ a: Node, _ b: Node, _ f: Frame, _ body: (RValue, RValue) -> RValue) -> RValue {
        let x = a.eval(f)
        if case .error = x { return x }
        let y = b.eval(f)
        if case .error = y { return y }
        return body(x, y)
    }

    /// `binary` for operators defined on document values only: any other operand (a type, an
    /// optional) is `no such overload: what`.
    @inline(__always) final func binaryValues(_ a: Node, _ b: Node, _ f: Frame, noOverload what: @autoclosure () -> String,
                                              _ body: (Value, Value) -> RValue) -> RValue {
        binary(a, b, f) { x, y in
            guard case .value(let xv) = x, case .value(let yv) = y else { return noOverload(what()) }
            return body(xv, yv)
        }
    }

    @inline(__always) final func tag(_ r: RValue) -> RValue {
        if case .error(let e) = r, e.node < 0 { return .error(e.at(id)) }
        return r
    }
}

final class ConstNode: Node {
    let value: RValue
    init(id: Int, _ value: RValue) { self.value = value; super.init(id: id) }
    override func eval(_ f: Frame) -> RValue { value }
    override var constant: RValue? { value }
}

final class VarNode: Node {
    let slot: Int
    init(id: Int, slot: Int) { self.slot = slot; super.init(id: id) }
    override func eval(_ f: Frame) -> RValue { f.vars[slot] }
}

final class LocalNode: Node {
    let slot: Int
    init(id: Int, slot: Int) { self.slot = slot; super.init(id: id) }
    override func eval(_ f: Frame) -> RValue { f.locals[slot] }
}

/// A name not declared at compile time, looked up in the activation (when the environment allows).
final class DynamicIdentNode: Node {
    let names: [String]
    init(id: Int, names: [String]) { self.names = names; super.init(id: id) }
    override func eval(_ f: Frame) -> RValue {
        if let a = f.state.pointee.activation {
            for n in names { if let v = a.lookup(n) { return .value(v) } }
        }
        return fail("undeclared reference to '\(names.last ?? "")'")
    }
}

final class SelectNode: Node {
    let operand: Node
    let field: String
    init(id: Int, _ operand: Node, _ field: String) { self.operand = operand; self.field = field; super.init(id: id) }
    override func eval(_ f: Frame) -> RValue {
        let o = operand.eval(f)
        switch o {
        case .value(.map(let m)):
            if let i = m.position(ofString: field) { return .value(m.value(at: i)) }
            return fail("no such key: '\(field)'", .noSuchKey)
        case .error: return o
        case .optional(let inner):
            // Selecting through an optional yields an optional (optional chaining).
            guard let inner else { return .optional(nil) }
            guard case .value(.map(let m)) = inner else { return fail("no such key: '\(field)'", .noSuchKey) }
            if let i = m.position(ofString: field) { return .optional(.value(m.value(at: i))) }
            return .optional(nil)
        default:
            return fail("type '\(o.celType.name)' does not support field selection")
        }
    }
}

final class OptSelectNode: Node {
    let operand: Node
    let field: String
    init(id: Int, _ operand: Node, _ field: String) { self.operand = operand; self.field = field; super.init(id: id) }
    override func eval(_ f: Frame) -> RValue {
        var o = operand.eval(f)
        if case .optional(let inner) = o {
            guard let inner else { return .optional(nil) }
            o = inner
        }
        switch o {
        case .value(.map(let m)):
            if let i = m.position(ofString: field) { return .optional(.value(m.value(at: i))) }
            return .optional(nil)
        case .error: return o
        default: return fail("type '\(o.celType.name)' does not support field selection")
        }
    }
}

final class HasNode: Node {
    let operand: Node
    let field: String
    init(id: Int, _ operand: Node, _ field: String) { self.operand = operand; self.field = field; super.init(id: id) }
    override func eval(_ f: Frame) -> RValue {
        let o = operand.eval(f)
        switch o {
        case .value(.map(let m)): return .bool(m.position(ofString: field) != nil)
        case .error: return o
        case .optional(let inner):
            guard case .value(.map(let m))? = inner else { return .false }
            return .bool(m.position(ofString: field) != nil)
        default: return fail("invalid type for has(): '\(o.celType.name)'")
        }
    }
}

final class IndexNode: Node {
    let operand: Node, key: Node
    let optional: Bool
    init(id: Int, _ operand: Node, _ key: Node, optional: Bool) {
        self.operand = operand; self.key = key; self.optional = optional
        super.init(id: id)
    }
    override func eval(_ f: Frame) -> RValue {
        var o = operand.eval(f)
        if case .error = o { return o }
        let k = key.eval(f)
        if case .error = k { return k }
        var wrap = optional
        if case .optional(let inner) = o {
            guard let inner else { return .optional(nil) }
            o = inner
            wrap = true
        }
        guard case .value(let ov) = o, case .value(let kv) = k else { return noOverload("_[_]") }
        let r = Ops.index(ov, kv)
        if wrap {
            if case .error(let e) = r, e.kind == .noSuchKey || e.kind == .indexOutOfRange {
                return .optional(nil)
            }
            if case .error = r { return tag(r) }
            return .optional(r)
        }
        return tag(r)
    }
}

final class NotNode: Node {
    let operand: Node
    init(id: Int, _ operand: Node) { self.operand = operand; super.init(id: id) }
    override func eval(_ f: Frame) -> RValue {
        let o = operand.eval(f)
        if case .value(.bool(let b)) = o { return .bool(!b) }
        if case .error = o { return o }
        return noOverload("!_")
    }
}

final class NegNode: Node {
    let operand: Node
    init(id: Int, _ operand: Node) { self.operand = operand; super.init(id: id) }
    override func eval(_ f: Frame) -> RValue {
        let o = operand.eval(f)
        if case .value(let v) = o { return tag(Ops.negate(v)) }
        if case .error = o { return o }
        return noOverload("-_")
    }
}

/// `a && b && ...` (`decider` false) and `a || b || ...` (`decider` true): the deciding bool
/// wins over errors, whichever side they are on.
final class LogicNode: Node {
    let operands: [Node]
    let decider: Bool
    init(id: Int, _ operands: [Node], decider: Bool) { self.operands = operands; self.decider = decider; super.init(id: id) }
    override func eval(_ f: Frame) -> RValue {
        var logic = ErrorAbsorbing(decider: decider)
        for o in operands {
            if let answer = logic.take(o.eval(f), notBool: noOverload(decider ? "_||_" : "_&&_")) { return answer }
        }
        return logic.result
    }
}

final class CondNode: Node {
    let cond: Node, a: Node, b: Node
    init(id: Int, _ cond: Node, _ a: Node, _ b: Node) { self.cond = cond; self.a = a; self.b = b; super.init(id: id) }
    override func eval(_ f: Frame) -> RValue {
        let c = cond.eval(f)
        switch c {
        case .value(.bool(true)): return a.eval(f)
        case .value(.bool(false)): return b.eval(f)
        case .error: return c
        default: return noOverload("_?_:_")
        }
    }
}

final class EqNode: Node {
    let a: Node, b: Node
    let negate: Bool
    init(id: Int, _ a: Node, _ b: Node, negate: Bool) { self.a = a; self.b = b; self.negate = negate; super.init(id: id) }
    override func eval(_ f: Frame) -> RValue {
        binary(a, b, f) { x, y in
            if case .value(let xv) = x, case .value(let yv) = y { return .bool(Ops.equal(xv, yv) != negate) }
            return .bool(Ops.equal(x, y) != negate)
        }
    }
}

enum RelOp: String { case lt = "<", le = "<=", gt = ">", ge = ">=" }

final class RelNode: Node {
    let a: Node, b: Node
    let op: RelOp
    init(id: Int, _ a: Node, _ b: Node, _ op: RelOp) { self.a = a; self.b = b; self.op = op; super.init(id: id) }
    override func eval(_ f: Frame) -> RValue {
        binaryValues(a, b, f, noOverload: "relation") { xv, yv in
            guard let c = Ops.compare(xv, yv) else {
                if Ops.orderable(xv, yv) { return .false } // NaN
                return noOverload("\(xv.kindName) \(op.rawValue) \(yv.kindName)")
            }
            switch op {
            case .lt: return .bool(c < 0)
            case .le: return .bool(c <= 0)
            case .gt: return .bool(c > 0)
            case .ge: return .bool(c >= 0)
            }
        }
    }
}

enum ArithOp { case add, sub, mul, div, mod }

final class ArithNode: Node {
    let a: Node, b: Node
    let op: ArithOp
    init(id: Int, _ a: Node, _ b: Node, _ op: ArithOp) { self.a = a; self.b = b; self.op = op; super.init(id: id) }
    override func eval(_ f: Frame) -> RValue {
        binaryValues(a, b, f, noOverload: "arithmetic") { xv, yv in
            let r: RValue
            switch op {
            case .add:
                // The sum's size is checked before it is built: a string or list doubled in a loop
                // must fail at the limit, not by running out of memory.
                let limits = f.state.pointee.limits
                switch (xv, yv) {
                case (.string(let s), .string(let t)) where s.utf8.count + t.utf8.count > limits.maxStringSize:
                    return fail("string size exceeds limit of \(limits.maxStringSize) bytes")
                case (.bytes(let s), .bytes(let t)) where s.count + t.count > limits.maxStringSize:
                    return fail("bytes size exceeds limit of \(limits.maxStringSize)")
                case (.list(let s), .list(let t)) where s.count + t.count > limits.maxListSize:
                    return fail("list size exceeds limit of \(limits.maxListSize) elements")
                default: break
                }
                if !f.charge(1 + (CallWeight.size(.value(xv)) + CallWeight.size(.value(yv))) / 8) { return fail(f.exhausted, .limit) }
                r = Ops.add(xv, yv)
                return tag(Limit.check(r, f))
            case .sub: r = Ops.subtract(xv, yv)
            case .mul: r = Ops.multiply(xv, yv)
            case .div: r = Ops.divide(xv, yv)
            case .mod: r = Ops.modulo(xv, yv)
            }
            return tag(r)
        }
    }
}

/// `e in L`. A list seen twice in a row by this node (the same list for every element, as
/// `svc.id in organization.scope.services_in_scope`) is hashed once and looked up from then on,
/// so that a rule testing membership per element stays linear; the cost charged is the scan's.
final class InNode: Node {
    let a: Node, b: Node
    /// Nil when joins are not optimised (`Environment.optimizeJoins`): the plain scan, always.
    let cache: JoinCache?
    init(id: Int, _ a: Node, _ b: Node, indexed: Bool) {
        self.a = a; self.b = b
        cache = indexed ? JoinCache() : nil
        super.init(id: id)
    }
    override func eval(_ f: Frame) -> RValue {
        binaryValues(a, b, f, noOverload: "@in") { xv, yv in
            if case .list(let l) = yv {
                if !f.charge(l.count) { return fail(f.exhausted, .limit) }
                // An item without a key (a list, a map, NaN, a number beyond 2^53) equals no value
                // that has one, so a keyed probe is decided by the index alone.
                if l.count >= JoinNode.minCount, let cache, let key = JoinKey(xv), let index = cache.index(for: l, path: []) {
                    return index.buckets[key] == nil ? .false : .true
                }
            }
            return tag(Ops.contains(yv, xv))
        }
    }
}

enum Limit {
    static let costMessage = "cost budget exceeded"
    static let timeMessage = "the run's time limit was reached (--timeout)"

    static func memoryMessage(_ limits: Limits) -> String {
        "memory limit exceeded: this evaluation built more than \(limits.maxBuiltBytes >> 20) MiB of values"
    }

    /// Enforces the size limits on a freshly built string, bytes, list or map, and counts it
    /// against the evaluation's memory bound.
    @inline(__always) static func check(_ r: RValue, _ f: Frame) -> RValue {
        let limits = f.state.pointee.limits
        let bytes: Int
        switch r {
        case .value(.string(let s)):
            bytes = s.utf8.count
            if bytes > limits.maxStringSize { return .err("string size exceeds limit of \(limits.maxStringSize) bytes") }
        case .value(.bytes(let b)):
            bytes = b.count
            if bytes > limits.maxStringSize { return .err("bytes size exceeds limit of \(limits.maxStringSize)") }
        case .value(.list(let l)):
            if l.count > limits.maxListSize { return .err("list size exceeds limit of \(limits.maxListSize) elements") }
            bytes = l.count &* MemoryLayout<Value>.stride
        case .value(.map(let m)):
            bytes = m.count &* 2 &* MemoryLayout<Value>.stride
        default:
            return r
        }
        return f.build(bytes) ? r : .err(memoryMessage(limits))
    }
}

final class ListNode: Node {
    let elements: [Node]
    let optional: [Bool]
    init(id: Int, _ elements: [Node], optional: [Bool]) { self.elements = elements; self.optional = optional; super.init(id: id) }
    override func eval(_ f: Frame) -> RValue {
        var out: [Value] = []
        out.reserveCapacity(elements.count)
        for (i, e) in elements.enumerated() {
            let r = e.eval(f)
            switch r {
            case .value(let v):
                if optional[i] { return fail("optional list element must be an optional value") }
                out.append(v)
            case .error: return r
            case .optional(let inner):
                guard optional[i] else { return fail("optional values cannot be stored in lists") }
                if let inner {
                    guard case .value(let v) = inner else { return fail("unsupported list element") }
                    out.append(v)
                }
            case .type, .net: return fail("type and network values cannot be stored in lists")
            }
        }
        if out.count > f.state.pointee.limits.maxListSize { return fail("list size exceeds limit") }
        if !f.build(out.count &* MemoryLayout<Value>.stride) { return fail(Limit.memoryMessage(f.state.pointee.limits)) }
        return .value(.list(ValueList(out)))
    }
}

final class MapNode: Node {
    let keys: [Node], values: [Node]
    let optional: [Bool]
    init(id: Int, keys: [Node], values: [Node], optional: [Bool]) {
        self.keys = keys; self.values = values; self.optional = optional
        super.init(id: id)
    }
    override func eval(_ f: Frame) -> RValue {
        var ks: [Value] = [], vs: [Value] = []
        ks.reserveCapacity(keys.count)
        vs.reserveCapacity(keys.count)
        for i in 0..<keys.count {
            let k = keys[i].eval(f)
            guard case .value(let kv) = k else { return k.isError ? k : fail("unsupported key type") }
            guard Ops.isValidKey(kv) else { return fail("unsupported key type: \(kv.kindName)") }
            let v = values[i].eval(f)
            var value: Value
            switch v {
            case .value(let x):
                if optional[i] { return fail("optional map entry must be an optional value") }
                value = x
            case .error: return v
            case .optional(let inner):
                guard optional[i] else { return fail("optional values cannot be stored in maps") }
                guard let inner else { continue }
                guard case .value(let x) = inner else { return fail("unsupported map value") }
                value = x
            case .type, .net: return fail("type and network values cannot be stored in maps")
            }
            for existing in ks where Ops.equal(existing, kv) { return fail("Failed with repeated key: \(Format.debug(kv))") }
            ks.append(kv)
            vs.append(value)
        }
        if !f.build(ks.count &* 2 &* MemoryLayout<Value>.stride) { return fail(Limit.memoryMessage(f.state.pointee.limits)) }
        return .value(.map(ValueMap(keys: ks, values: vs)))
    }
}

/// A standard or extension function, resolved when the expression is compiled.
enum Builtin {
    case unary((RValue) -> RValue)
    case binary((RValue, RValue) -> RValue)
    case ternary((RValue, RValue, RValue) -> RValue)
    case nary(([RValue]) -> RValue)
}

final class Call1Node: Node {
    let fn: (RValue) -> RValue
    let a: Node
    let strict: Bool
    let weight: CallWeight
    /// For a call with a fixed second operand folded in (a literal `matches` pattern): its
    /// instructions, which the text is weighed against.
    let factor: Int
    init(id: Int, _ fn: @escaping (RValue) -> RValue, _ a: Node, strict: Bool, weight: CallWeight = .unit, factor: Int = 1) {
        self.fn = fn; self.a = a; self.strict = strict; self.weight = weight; self.factor = factor
        super.init(id: id)
    }
    override func eval(_ f: Frame) -> RValue {
        let x = a.eval(f)
        if strict, case .error = x { return x }
        if factor > 1 {
            if !f.charge(1 + CallWeight.size(x).multipliedReportingOverflow(by: factor).partialValue / 8) { return fail(f.exhausted, .limit) }
        } else if case .unit = weight {
            if !f.charge() { return fail(f.exhausted, .limit) }
        } else {
            switch weight.cost(x, limits: f.state.pointee.limits) {
            case .failure(let refusal): return fail(refusal.message)
            case .success(let cost): if !f.charge(cost) { return fail(f.exhausted, .limit) }
            }
        }
        return tag(Limit.check(fn(x), f))
    }
}

final class Call2Node: Node {
    let fn: (RValue, RValue) -> RValue
    let a: Node, b: Node
    let weight: CallWeight
    init(id: Int, _ fn: @escaping (RValue, RValue) -> RValue, _ a: Node, _ b: Node, weight: CallWeight = .unit) {
        self.fn = fn; self.a = a; self.b = b; self.weight = weight
        super.init(id: id)
    }
    override func eval(_ f: Frame) -> RValue {
        binary(a, b, f) { x, y in
            switch weight.cost(x, y, limits: f.state.pointee.limits) {
            case .failure(let refusal): return fail(refusal.message)
            case .success(let cost): if !f.charge(cost) { return fail(f.exhausted, .limit) }
            }
            return tag(Limit.check(fn(x, y), f))
        }
    }
}

final class Call3Node: Node {
    let fn: (RValue, RValue, RValue) -> RValue
    let a: Node, b: Node, c: Node
    let weight: CallWeight
    init(id: Int, _ fn: @escaping (RValue, RValue, RValue) -> RValue, _ a: Node, _ b: Node, _ c: Node, weight: CallWeight = .unit) {
        self.fn = fn; self.a = a; self.b = b; self.c = c; self.weight = weight
        super.init(id: id)
    }
    override func eval(_ f: Frame) -> RValue {
        let x = a.eval(f)
        if case .error = x { return x }
        let y = b.eval(f)
        if case .error = y { return y }
        let z = c.eval(f)
        if case .error = z { return z }
        switch weight.cost(x, y, z, limits: f.state.pointee.limits) {
        case .failure(let refusal): return fail(refusal.message)
        case .success(let cost): if !f.charge(cost) { return fail(f.exhausted, .limit) }
        }
        return tag(Limit.check(fn(x, y, z), f))
    }
}

final class CallNNode: Node {
    let fn: ([RValue]) -> RValue
    let args: [Node]
    let weight: CallWeight
    init(id: Int, _ fn: @escaping ([RValue]) -> RValue, _ args: [Node], weight: CallWeight = .unit) {
        self.fn = fn; self.args = args; self.weight = weight
        super.init(id: id)
    }
    override func eval(_ f: Frame) -> RValue {
        var xs: [RValue] = []
        xs.reserveCapacity(args.count)
        for a in args {
            let x = a.eval(f)
            if case .error = x { return x }
            xs.append(x)
        }
        switch weight.cost(xs, limits: f.state.pointee.limits) {
        case .failure(let refusal): return fail(refusal.message)
        case .success(let cost): if !f.charge(cost) { return fail(f.exhausted, .limit) }
        }
        return tag(Limit.check(fn(xs), f))
    }
}

/// An operation that always fails when reached (an unknown function in an unchecked expression).
final class FailNode: Node {
    let message: String
    let args: [Node]
    init(id: Int, _ message: String, args: [Node] = []) { self.message = message; self.args = args; super.init(id: id) }
    override func eval(_ f: Frame) -> RValue {
        for a in args {
            let x = a.eval(f)
            if case .error = x { return x }
        }
        return fail(message)
    }
}

/// `cel.block([e0, e1, ...], body)`: each entry is evaluated once into a slot (`cel.index(i)`);
/// an entry's error only matters if the body uses it, as errors are values.
final class BlockNode: Node {
    let slots: [Int]
    let entries: [Node]
    let body: Node
    init(id: Int, slots: [Int], _ entries: [Node], _ body: Node) { self.slots = slots; self.entries = entries; self.body = body; super.init(id: id) }
    override func eval(_ f: Frame) -> RValue {
        for i in 0..<entries.count { f.locals[slots[i]] = entries[i].eval(f) }
        return body.eval(f)
    }
}

/// `cel.bind(name, init, body)`: evaluates `init` once into a local slot.
final class BindNode: Node {
    let slot: Int
    let initial: Node, body: Node
    init(id: Int, slot: Int, _ initial: Node, _ body: Node) { self.slot = slot; self.initial = initial; self.body = body; super.init(id: id) }
    override func eval(_ f: Frame) -> RValue {
        f.locals[slot] = initial.eval(f)
        return body.eval(f)
    }
}
