/// What a subexpression reads from outside itself, found on the syntax tree before planning.
struct FreeReads {
    /// A name the subexpression does not bind itself, and the plain selections made on it
    /// (`inc.service`, `has(inc.sla.targets)`); an empty path reads the whole value.
    struct Read: Hashable {
        let name: String
        let path: [String]
    }

    var reads: Set<Read> = []
    /// Whether it holds a comprehension (what makes evaluating it worth remembering).
    var comprehension = false
    /// Whether it uses something the analysis does not follow (absolute names, messages).
    var opaque = false

    mutating func add(_ other: FreeReads) {
        reads.formUnion(other.reads)
        comprehension = comprehension || other.comprehension
        opaque = opaque || other.opaque
    }

    /// The reads without those of names bound inside (a comprehension's variables, a bind's name).
    func binding(_ names: [String]) -> FreeReads {
        var out = self
        out.reads = reads.filter { !names.contains($0.name) }
        return out
    }
}

extension Planner {
    /// Walks the tree once, bottom-up, recording the free reads of every comprehension and
    /// `cel.bind`: the candidates `memoized` wraps.
    mutating func analyseReads(_ e: Expr) -> FreeReads {
        var r = FreeReads()
        switch e.kind {
        case .null, .bool, .int, .uint, .double, .string, .bytes:
            break
        case .ident(let name, let absolute):
            if absolute { r.opaque = true } else { r.reads = [FreeReads.Read(name: name, path: [])] }
        case .select(let t, _, false):
            if let (parts, absolute) = qualifiedParts(e) {
                if absolute { r.opaque = true } else { r.reads = [FreeReads.Read(name: parts[0], path: Array(parts.dropFirst()))] }
            } else {
                r = analyseReads(t)
            }
        case .select(let t, _, true):
            r = analyseReads(t)
        case .has(let t, let f):
            if let (parts, absolute) = qualifiedParts(t) {
                if absolute { r.opaque = true } else { r.reads = [FreeReads.Read(name: parts[0], path: Array(parts.dropFirst()) + [f])] }
            } else {
                r = analyseReads(t)
            }
        case .index(let t, let k, _):
            r = analyseReads(t)
            r.add(analyseReads(k))
        case .call(_, let target, let args):
            if let target { r = analyseReads(target) }
            for a in args { r.add(analyseReads(a)) }
        case .list(let xs, _):
            for x in xs { r.add(analyseReads(x)) }
        case .map(let entries):
            for entry in entries {
                r.add(analyseReads(entry.key))
                r.add(analyseReads(entry.value))
            }
        case .message:
            r.opaque = true
        case .comprehension(_, let target, let vars, let args):
            var inside = FreeReads()
            for a in args { inside.add(analyseReads(a)) }
            r = analyseReads(target)
            r.add(inside.binding(vars))
            r.comprehension = true
            freeReads[e.id] = r
        case .bind(let name, let initial, let body):
            r = analyseReads(initial)
            r.add(analyseReads(body).binding([name]))
            freeReads[e.id] = r
        }
        return r
    }

    /// `node` behind a `MemoNode` when the expression it was planned from holds a comprehension
    /// and reads nothing but declared variables and plain selections on them; else `node`.
    ///
    /// Called before the expression's own names leave scope, so a read of a name that one of
    /// them shadows, or that an enclosing comprehension or bind binds, is refused: only values
    /// fixed for the whole evaluation may be part of the key.
    func memoized(_ node: Node, _ e: Expr) -> Node {
        guard environment.memoize, environment.container.isEmpty, !declared.contains(where: { $0.contains(".") }),
              let r = freeReads[e.id], r.comprehension, !r.opaque else { return node }
        var reads: [MemoRead] = []
        for read in r.reads.sorted(by: { ($0.name, $0.path.joined(separator: ".")) < ($1.name, $1.path.joined(separator: ".")) }) {
            guard local(read.name) == nil, declared.contains(read.name), let slot = varSlots[read.name] else { return node }
            reads.append(MemoRead(slot: slot, path: read.path))
        }
        return MemoNode(node, reads: reads)
    }
}
