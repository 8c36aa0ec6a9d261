import ClauseValue

/// The comprehension macros (`all`, `exists`, `exists_one`, `map`, `filter` and the two-variable
/// forms), each a dedicated loop over a list or a map's keys, binding locals by slot.
final class ComprehensionNode: Node {
    let kind: MacroKind
    let range: Node
    let v1: Int, v2: Int
    /// The predicate (all/exists/filter) or the filter of a three-argument map.
    let predicate: Node?
    /// The transform of map/transformList/transformMap.
    let transform: Node?

    init(id: Int, kind: MacroKind, range: Node, v1: Int, v2: Int, predicate: Node?, transform: Node?) {
        self.kind = kind; self.range = range; self.v1 = v1; self.v2 = v2
        self.predicate = predicate; self.transform = transform
        super.init(id: id)
    }

    override func eval(_ f: Frame) -> RValue { iterate(range.eval(f), f) }

    /// The loop over `r`, the already evaluated range.
    func iterate(_ r: RValue, _ f: Frame) -> RValue {
        guard case .value(let rv) = r else { return r.isError ? r : fail("expression of type '\(r.celType.name)' cannot be the range of a comprehension") }
        var list: ValueList? = nil
        var map: ValueMap? = nil
        let count: Int
        switch rv {
        case .list(let l): list = l; count = l.count
        case .map(let m): map = m; count = m.count
        default: return fail("expression of type '\(rv.kindName)' cannot be the range of a comprehension")
        }
        if count > f.state.pointee.limits.maxIterations {
            return fail("comprehension exceeds the iteration limit of \(f.state.pointee.limits.maxIterations)")
        }
        if !f.charge(count) { return fail(f.exhausted) }
        let locals = f.locals
        let v1 = self.v1, v2 = self.v2

        @inline(__always) func bind(_ i: Int) {
            if let list {
                list.prefetch(after: i)
                if v2 >= 0 {
                    locals[v1] = .value(.int(Int64(i)))
                    locals[v2] = .value(list.elements[i])
                } else {
                    locals[v1] = .value(list.elements[i])
                }
            } else if let map {
                locals[v1] = .value(map.key(at: i))
                if v2 >= 0 { locals[v2] = .value(map.value(at: i)) }
            }
        }

        switch kind {
        case .optMap, .optFlatMap:
            return fail("internal: optMap planned as a comprehension")
        case .all, .all2, .exists, .exists2:
            let p = predicate!
            var logic = ErrorAbsorbing(decider: kind == .exists || kind == .exists2)
            for i in 0..<count {
                bind(i)
                if let answer = logic.take(p.eval(f), notBool: noOverload("predicate is not a bool")) { return answer }
            }
            return logic.result
        case .existsOne, .existsOne2:
            let p = predicate!
            var n = 0
            for i in 0..<count {
                bind(i)
                switch FilterVerdict(p.eval(f), notBool: noOverload("predicate is not a bool")) {
                case .keep: n += 1
                case .skip: continue
                case .stop(let error): return error
                }
            }
            return .bool(n == 1)
        case .filter:
            let p = predicate!
            var out: [Value] = []
            for i in 0..<count {
                bind(i)
                switch FilterVerdict(p.eval(f), notBool: noOverload("predicate is not a bool")) {
                case .keep: out.append(list != nil ? list!.elements[i] : map!.key(at: i))
                case .skip: continue
                case .stop(let error): return error
                }
            }
            return .value(.list(ValueList(out)))
        case .map, .mapFilter, .transformList, .transformListFilter:
            let t = transform!
            var out: [Value] = []
            out.reserveCapacity(count)
            for i in 0..<count {
                bind(i)
                switch step(t, f, building: "list") {
                case .value(let v): out.append(v)
                case .skip: continue
                case .stop(let error): return error
                }
            }
            return Limit.check(.value(.list(ValueList(out))), f)
        case .transformMap, .transformMapFilter:
            let t = transform!
            var ks: [Value] = [], vs: [Value] = []
            for i in 0..<count {
                bind(i)
                switch step(t, f, building: "map") {
                case .value(let v):
                    ks.append(list != nil ? .int(Int64(i)) : map!.key(at: i))
                    vs.append(v)
                case .skip: continue
                case .stop(let error): return error
                }
            }
            return Limit.check(.value(.map(ValueMap(keys: ks, values: vs))), f)
        }
    }

    /// What a map or transform comprehension does with the element just bound.
    enum Step { case value(Value), skip, stop(RValue) }

    /// The element's filter (for the filtering kinds) then its transform: its value, skipped, or
    /// the error that stops the comprehension.
    private func step(_ transform: Node, _ f: Frame, building what: String) -> Step {
        if let p = predicate {
            switch FilterVerdict(p.eval(f), notBool: noOverload("filter is not a bool")) {
            case .keep: break
            case .skip: return .skip
            case .stop(let error): return .stop(error)
            }
        }
        let y = transform.eval(f)
        guard case .value(let v) = y else { return .stop(y.isError ? y : fail("unsupported value in \(what)")) }
        return .value(v)
    }
}

/// `opt.optMap(x, e)` and `opt.optFlatMap(x, e)` of the optionals extension.
final class OptMapNode: Node {
    let operand: Node, body: Node
    let slot: Int
    let flat: Bool
    init(id: Int, _ operand: Node, slot: Int, _ body: Node, flat: Bool) {
        self.operand = operand; self.slot = slot; self.body = body; self.flat = flat
        super.init(id: id)
    }
    override func eval(_ f: Frame) -> RValue {
        let o = operand.eval(f)
        guard case .optional(let inner) = o else { return o.isError ? o : noOverload("optMap") }
        guard let inner else { return o }
        f.locals[slot] = inner
        let r = body.eval(f)
        if case .error = r { return r }
        if flat {
            guard case .optional = r else { return fail("optFlatMap must return an optional value") }
            return r
        }
        return .optional(r)
    }
}
