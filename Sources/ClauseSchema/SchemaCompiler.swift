import ClauseDiagnostics
import ClauseValue

/// Turns a schema document into the node array the validator walks, collecting every problem
/// in the schema as a located diagnostic instead of stopping at the first.
///
/// Each schema location is compiled once, under its JSON pointer. A `$ref` is recorded and
/// resolved after the tree is compiled, by pointer lookup (compiling the target then if no
/// schema was compiled there yet), so a reference cycle costs one index and compiling never
/// recurses through references. Once references are resolved, cycles that never descend into
/// the instance (`$ref`, `allOf`, `anyOf`, `oneOf`, `not` back to the same node) are errors:
/// they would make validation recurse forever on any value.
struct SchemaCompiler {
    struct PendingRef {
        var node: Int32
        var text: String
        var mark: SourceMark
    }

    let root: Value
    let rootMark: SourceMark
    let file: String

    private(set) var nodes: [SchemaNode] = []
    private(set) var diagnostics: [Diagnostic] = []
    /// Slots of the property-lookup memo the validator must allocate.
    private(set) var memoSlots = 0
    private var pointers: [JSONPointer] = []
    private var byPointer: [JSONPointer: Int32] = [:]
    private var pendingRefs: [PendingRef] = []
    private var refMarks: [Int32: SourceMark] = [:]
    private(set) var rootID: String?

    init(root: Value, rootMark: SourceMark, file: String) {
        self.root = root
        self.rootMark = rootMark
        self.file = file
    }

    /// Compiles the whole document; the root schema is node 0. Check `diagnostics` afterwards.
    mutating func compile() -> [SchemaNode] {
        _ = compileSchema(root, mark: rootMark, at: JSONPointer())
        resolveReferences()
        for i in nodes.indices { nodes[i].summarise() }
        findNonDescendingCycles()
        return nodes
    }

    mutating func error(_ mark: SourceMark, _ message: String, notes: [String] = []) {
        diagnostics.append(Diagnostic(.error, at: SourceLocation(file: file, mark: mark), message, notes: notes))
    }

    /// Compiles the schema at `pointer` (once) and returns its node index.
    mutating func compileSchema(_ value: Value, mark: SourceMark, at pointer: JSONPointer) -> Int32 {
        if let existing = byPointer[pointer] { return existing }
        let index = Int32(nodes.count)
        nodes.append(SchemaNode())
        pointers.append(pointer)
        byPointer[pointer] = index
        switch value {
        case .bool(let accepts):
            nodes[Int(index)].rejectsAll = !accepts
        case .map(let map):
            let node = compileObject(map, mark: mark, at: pointer, index: index)
            nodes[Int(index)] = node
        default:
            error(mark, "a schema must be an object or a boolean, not \(ValueText.quoted(value)) (at \(pointer))")
        }
        return index
    }

    /// Records a `$ref` of node `index`, resolved once the whole tree is compiled.
    mutating func addReference(_ text: String, mark: SourceMark, from index: Int32) {
        pendingRefs.append(PendingRef(node: index, text: text, mark: mark))
        refMarks[index] = mark
    }

    /// Records the root `$id`, so a `$ref` that spells it out still resolves locally.
    mutating func setRootID(_ id: String) {
        rootID = id.hasSuffix("#") ? String(id.dropLast()) : id
    }

    /// Reserves memo slots for one property table.
    mutating func reserveMemo() -> Int {
        defer { memoSlots += ObjectRules.memoWidth }
        return memoSlots
    }

    // MARK: References

    private mutating func resolveReferences() {
        var i = 0
        // Compiling a target may add references: the list grows while it is walked.
        while i < pendingRefs.count {
            let pending = pendingRefs[i]
            i += 1
            guard let pointer = pointer(of: pending) else { continue }
            if let target = byPointer[pointer] {
                nodes[Int(pending.node)].ref = target
                continue
            }
            guard let (value, mark) = pointer.locate(in: root, rootMark: rootMark) else {
                reportUnresolved(pending, pointer)
                continue
            }
            let target = compileSchema(value, mark: mark, at: pointer)
            nodes[Int(pending.node)].ref = target
        }
    }

    /// The local pointer a `$ref` names, or nil (with a diagnostic) for anything else.
    private mutating func pointer(of ref: PendingRef) -> JSONPointer? {
        let text = ref.text
        let hash = text.firstIndex(of: "#")
        let base = hash.map { String(text[..<$0]) } ?? text
        let fragment = hash.map { String(text[text.index(after: $0)...]) } ?? ""
        if !base.isEmpty && base != rootID {
            error(ref.mark, "$ref '\(text)' is not a reference into this schema; only JSON pointers (#/...) are resolved, not remote or relative URIs")
            return nil
        }
        do {
            return try JSONPointer(fragment: fragment)
        } catch {
            switch error {
            case .notAPointer:
                self.error(ref.mark, "$ref '\(text)' names an anchor; only JSON pointers (#/...) are resolved, not $anchor names")
            case .badPercentEncoding:
                self.error(ref.mark, "$ref '\(text)' has an invalid percent-encoding")
            case .badEscape:
                self.error(ref.mark, "$ref '\(text)' has a '~' not followed by 0 or 1")
            }
        }
        return nil
    }

    private mutating func reportUnresolved(_ ref: PendingRef, _ pointer: JSONPointer) {
        // Find the deepest part that exists, to say which token is missing and suggest a name.
        var found = JSONPointer()
        var notes: [String] = []
        for token in pointer.tokens {
            let next = found.appending(token)
            if next.locate(in: root, rootMark: rootMark) == nil {
                if case .map(let map)? = found.locate(in: root, rootMark: rootMark)?.value,
                   let close = Suggestion.closest(to: token, among: map.keys.compactMap(\.stringValue)) {
                    notes.append("did you mean '\(found.appending(close))'?")
                }
                error(ref.mark, "$ref '\(ref.text)' does not resolve: there is no '\(token)' in '\(found)'", notes: notes)
                return
            }
            found = next
        }
        error(ref.mark, "$ref '\(ref.text)' does not resolve")
    }

    // MARK: Cycles

    /// Reports every cycle of keywords that apply to the same instance value.
    private mutating func findNonDescendingCycles() {
        let edges: [[Int32]] = nodes.map { node in
            var out = node.allOf + node.anyOf + node.oneOf
            if node.ref >= 0 { out.append(node.ref) }
            if node.not >= 0 { out.append(node.not) }
            return out
        }
        var state = [UInt8](repeating: 0, count: nodes.count)  // 0 unseen, 1 on the path, 2 done
        for start in nodes.indices where state[start] == 0 {
            var stack: [(node: Int, edge: Int)] = [(start, 0)]
            state[start] = 1
            while let top = stack.last {
                let out = edges[top.node]
                guard top.edge < out.count else {
                    state[top.node] = 2
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].edge += 1
                let next = Int(out[top.edge])
                if state[next] == 0 {
                    state[next] = 1
                    stack.append((next, 0))
                } else if state[next] == 1 {
                    let cycle = stack.drop(while: { $0.node != next }).map(\.node) + [next]
                    let mark = cycle.compactMap { refMarks[Int32($0)] }.first ?? .none
                    let route = cycle.map { pointers[$0].description }.joined(separator: " -> ")
                    error(mark, "$ref cycle that never descends into the value, so validation could not end: \(route)")
                }
            }
        }
    }
}
