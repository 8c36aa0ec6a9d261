import ClauseValue
import Foundation

/// A value reduced to a key whose `==` and hash agree with CEL equality (`Ops.equal`), for the
/// values where that is possible: numbers of magnitude below 2^53 meet under one integer key
/// (`1 == 1u == 1.0`), other finite or infinite doubles keep their bits; strings, bytes, bools,
/// null, timestamps and durations are themselves. No key (nil) for NaN (equal to nothing), for
/// larger numbers (cel-go compares ints with doubles as doubles there, which is not transitive)
/// and for lists and maps: none of these equals a value that has a key.
enum JoinKey: Hashable {
    case null
    case bool(Bool)
    case number(Int64)
    case fraction(UInt64)
    case string(String)
    case bytes([UInt8])
    case timestamp(Timestamp)
    case duration(Interval)

    static let exact: Double = 9007199254740992.0 // 2^53

    init?(_ v: Value) {
        switch v {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i):
            guard i.magnitude < (1 << 53) else { return nil }
            self = .number(i)
        case .uint(let u):
            guard u < (1 << 53) else { return nil }
            self = .number(Int64(u))
        case .double(let d):
            if d.isNaN { return nil }
            if d.isInfinite { self = .fraction(d.bitPattern); return }
            guard abs(d) < Self.exact else { return nil }
            if d.rounded(.towardZero) == d { self = .number(Int64(d)) } else { self = .fraction(d.bitPattern) }
        case .string(let s): self = .string(s)
        case .bytes(let b): self = .bytes(b)
        case .timestamp(let t): self = .timestamp(t)
        case .duration(let d): self = .duration(d)
        case .list, .map: return nil
        }
    }
}

/// For one list and one field path: the positions of the elements by the key of their field, and
/// the positions of the irregular elements — not maps, or lacking a field of the path — on which
/// selecting the field fails, so the predicate must be evaluated as written.
final class JoinIndex: @unchecked Sendable {
    let buckets: [JoinKey: [Int]]
    let irregular: [Int]

    /// Indexes `x.f` (or, with `members`, each item of the list `x.f`, for `e in x.f`).
    init(_ list: ValueList, path: [String], members: Bool) {
        var buckets: [JoinKey: [Int]] = [:]
        var irregular: [Int] = []
        let elements = list.elements
        next: for i in 0..<elements.count {
            list.prefetch(after: i)
            var v = elements[i]
            for f in path {
                guard case .map(let m) = v, let p = m.position(ofString: f) else {
                    irregular.append(i)
                    continue next
                }
                v = m.value(at: p)
            }
            guard members else {
                if let k = JoinKey(v) { buckets[k, default: []].append(i) }
                continue
            }
            // `e in x.f`: only a list of keyable items is indexed; a map (key membership), any
            // other value (an error) or an item without a key is evaluated as written.
            guard case .list(let items) = v else {
                irregular.append(i)
                continue
            }
            var keys: [JoinKey] = []
            for item in items.elements {
                guard let k = JoinKey(item) else {
                    irregular.append(i)
                    continue next
                }
                keys.append(k)
            }
            for k in keys where buckets[k]?.last != i { buckets[k, default: []].append(i) }
        }
        self.buckets = buckets
        self.irregular = irregular
    }
}

/// A mutex without Foundation's overhead (a join takes it once per evaluation).
final class JoinLock: @unchecked Sendable {
    #if canImport(Darwin)
    private let m = UnsafeMutablePointer<os_unfair_lock>.allocate(capacity: 1)
    init() { m.initialize(to: os_unfair_lock()) }
    deinit { m.deallocate() }
    @inline(__always) func lock() { os_unfair_lock_lock(m) }
    @inline(__always) func unlock() { os_unfair_lock_unlock(m) }
    #elseif canImport(Glibc)
    private let m = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    init() { pthread_mutex_init(m, nil) }
    deinit { pthread_mutex_destroy(m); m.deallocate() }
    @inline(__always) func lock() { pthread_mutex_lock(m) }
    @inline(__always) func unlock() { pthread_mutex_unlock(m) }
    #else
    private let m = NSLock()
    @inline(__always) func lock() { m.lock() }
    @inline(__always) func unlock() { m.unlock() }
    #endif
}

/// The indexes of the last few lists a join node saw, each next to a strong reference to its list
/// (so a list's identity cannot be reused while its index is kept). An index is built the second
/// time in a row a list is seen: a list built afresh for every evaluation, or one list per element
/// (`svc.incidents.exists(...)`), is scanned, never indexed.
final class JoinCache: @unchecked Sendable {
    static let capacity = 4
    /// Whether the indexes are of list members (`e in x.f`) rather than of field values.
    let members: Bool

    init(members: Bool = false) { self.members = members }
    private let lock = JoinLock()
    /// Indexed lists, least recently used first; guarded by `lock`.
    private var entries: [(list: ValueList, index: JoinIndex)] = []
    /// The last list seen that has no index yet; guarded by `lock`.
    private var recent: ValueList? = nil
    /// Indexes built so far (for tests); guarded by `lock`.
    private var built = 0

    func index(for list: ValueList, path: [String]) -> JoinIndex? {
        lock.lock()
        let n = entries.count
        for i in 0..<n where entries[i].list === list {
            let index = entries[i].index
            if i != n - 1 { entries.append(entries.remove(at: i)) }
            lock.unlock()
            return index
        }
        guard recent === list else {
            recent = list
            lock.unlock()
            return nil
        }
        recent = nil
        lock.unlock()
        // Built outside the lock; two threads may both build it, and the later one is kept.
        let index = JoinIndex(list, path: path, members: members)
        lock.lock()
        built += 1
        if let j = entries.firstIndex(where: { $0.list === list }) {
            entries.remove(at: j)
        } else if entries.count >= Self.capacity {
            entries.removeFirst()
        }
        entries.append((list, index))
        lock.unlock()
        return index
    }

    var builds: Int { lock.lock(); defer { lock.unlock() }; return built }
    var count: Int { lock.lock(); defer { lock.unlock() }; return entries.count }
}

/// `L.exists(x, x.f == e)` (also `e == x.f`, a path `x.f.g`, and the same equality as one operand of
/// an `&&` chain), `L.exists_one` and `L.filter` of the same shape, `L.all(x, x.f != e)` (or one
/// operand of an `||` chain), and the membership `e in x.f` in place of the equality for
/// `exists`/`exists_one`/`filter`, where `e` does not mention `x`: `e` is evaluated once and the
/// elements whose field may equal it are found in a hash index of `L`.
///
/// Exactly the plain loop's result: an element whose field is known not to equal `e` makes the
/// predicate false (true for `all`) whatever its other operands do, so only the matching
/// elements and the irregular ones (on which `x.f` fails) are evaluated, in list order. Lists
/// shorter than `minCount`, ranges that are not lists, and values of `e` without a key (errors,
/// NaN, lists, maps, numbers beyond 2^53, optionals, types) take the plain loop.
final class JoinNode: Node {
    static let minCount = 8

    let plain: ComprehensionNode
    let path: [String]
    let probe: Node
    let cache: JoinCache

    init(_ plain: ComprehensionNode, path: [String], probe: Node, members: Bool = false) {
        self.plain = plain; self.path = path; self.probe = probe
        self.cache = JoinCache(members: members)
        super.init(id: plain.id)
        inferred = plain.inferred
    }

    override func eval(_ f: Frame) -> RValue {
        let r = plain.range.eval(f)
        guard case .value(.list(let list)) = r, list.count >= Self.minCount else { return plain.iterate(r, f) }
        guard let index = cache.index(for: list, path: path) else { return plain.iterate(r, f) }
        let p = probe.eval(f)
        guard case .value(let pv) = p, let key = JoinKey(pv) else { return plain.iterate(r, f) }
        let count = list.count
        if count > f.state.pointee.limits.maxIterations {
            return plain.fail("comprehension exceeds the iteration limit of \(f.state.pointee.limits.maxIterations)")
        }
        if !f.charge(count) { return plain.fail(f.exhausted) }

        let matches = index.buckets[key] ?? []
        let irregular = index.irregular
        let elements = list.elements
        let locals = f.locals, v1 = plain.v1
        let predicate = plain.predicate!
        var a = 0, b = 0
        /// The next candidate position in list order, merging the two sorted position lists.
        func next() -> Int? {
            if a < matches.count {
                if b < irregular.count, irregular[b] < matches[a] { b += 1; return irregular[b - 1] }
                a += 1
                return matches[a - 1]
            }
            if b < irregular.count { b += 1; return irregular[b - 1] }
            return nil
        }

        // The plain loop's semantics over the candidates, through the same helpers.
        switch plain.kind {
        case .all, .exists:
            var logic = ErrorAbsorbing(decider: plain.kind == .exists)
            while let i = next() {
                locals[v1] = .value(elements[i])
                if let answer = logic.take(predicate.eval(f), notBool: plain.noOverload("predicate is not a bool")) { return answer }
            }
            return logic.result
        case .existsOne:
            var n = 0
            while let i = next() {
                locals[v1] = .value(elements[i])
                switch FilterVerdict(predicate.eval(f), notBool: plain.noOverload("predicate is not a bool")) {
                case .keep: n += 1
                case .skip: continue
                case .stop(let error): return error
                }
            }
            return .bool(n == 1)
        case .filter:
            var out: [Value] = []
            while let i = next() {
                locals[v1] = .value(elements[i])
                switch FilterVerdict(predicate.eval(f), notBool: plain.noOverload("predicate is not a bool")) {
                case .keep: out.append(elements[i])
                case .skip: continue
                case .stop(let error): return error
                }
            }
            return .value(.list(ValueList(out)))
        default:
            return plain.iterate(r, f)
        }
    }
}

extension Planner {
    /// Whether `e` mentions the name `name` anywhere (conservatively: even where it is shadowed).
    static func mentions(_ e: Expr, _ name: String) -> Bool {
        switch e.kind {
        case .null, .bool, .int, .uint, .double, .string, .bytes: return false
        case .ident(let n, _): return n == name
        case .select(let t, _, _), .has(let t, _): return mentions(t, name)
        case .index(let t, let k, _): return mentions(t, name) || mentions(k, name)
        case .call(let fn, let t, let args):
            if fn == name { return true }
            return (t.map { mentions($0, name) } ?? false) || args.contains { mentions($0, name) }
        case .list(let xs, _): return xs.contains { mentions($0, name) }
        case .map(let entries): return entries.contains { mentions($0.key, name) || mentions($0.value, name) }
        case .message(_, let fields): return fields.contains { mentions($0.1, name) }
        case .comprehension(_, let t, let vars, let args):
            return vars.contains(name) || mentions(t, name) || args.contains { mentions($0, name) }
        case .bind(let n, let i, let b): return n == name || mentions(i, name) || mentions(b, name)
        }
    }

    /// The field path of `x.f.g` when `e` is selections over the identifier `name`.
    static func fieldPath(_ e: Expr, _ name: String) -> [String]? {
        guard case .select(let t, let f, false) = e.kind else { return nil }
        if case .ident(name, false) = t.kind { return [f] }
        guard var p = fieldPath(t, name) else { return nil }
        p.append(f)
        return p
    }

    /// The same path on planned nodes: selections over the local `slot`.
    static func fieldPath(_ n: Node, slot: Int) -> [String]? {
        guard let s = n as? SelectNode else { return nil }
        if let l = s.operand as? LocalNode { return l.slot == slot ? [s.field] : nil }
        guard var p = fieldPath(s.operand, slot: slot) else { return nil }
        p.append(s.field)
        return p
    }

    /// The join plan of a one-variable `exists`/`exists_one`/`filter`/`all` over a predicate of the
    /// shape `JoinNode` handles, or nil.
    static func join(_ n: ComprehensionNode, predicate ast: Expr, variable: String) -> Node? {
        let negate: Bool
        switch n.kind {
        case .exists, .existsOne, .filter: negate = false
        case .all: negate = true
        default: return nil
        }
        guard let predicate = n.predicate else { return nil }
        // The equalities that decide the predicate when false (or, for `all`, true) by themselves.
        var candidates: [Node] = [predicate]
        // An `&&` (an `||` for `all`), whose operands each decide it when false (true).
        if let logic = predicate as? LogicNode, logic.decider == negate { candidates = logic.operands }
        var asts: [Int: Expr] = [:]
        func collect(_ e: Expr) {
            asts[e.id] = e
            if case .call(negate ? "_||_" : "_&&_", nil, let args) = e.kind { args.forEach(collect) }
        }
        collect(ast)
        for c in candidates {
            guard let eq = c as? EqNode, eq.negate == negate,
                  let e = asts[eq.id], case .call(negate ? "_!=_" : "_==_", nil, let args) = e.kind, args.count == 2
            else { continue }
            for (side, other, node, probe) in [(args[0], args[1], eq.a, eq.b), (args[1], args[0], eq.b, eq.a)] {
                guard let path = fieldPath(side, variable), !mentions(other, variable),
                      fieldPath(node, slot: n.v1) == path else { continue }
                return JoinNode(n, path: path, probe: probe)
            }
        }
        // `e in x.f` decides an `exists`/`exists_one`/`filter` predicate when false, the same way.
        if !negate {
            for c in candidates {
                guard let member = c as? InNode, let e = asts[member.id], case .call("@in", nil, let args) = e.kind, args.count == 2,
                      let path = fieldPath(args[1], variable), !mentions(args[0], variable),
                      fieldPath(member.b, slot: n.v1) == path else { continue }
                return JoinNode(n, path: path, probe: member.a, members: true)
            }
        }
        return nil
    }
}
