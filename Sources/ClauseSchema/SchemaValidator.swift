import ClauseDiagnostics
import ClauseValue

/// One walk of an instance against the compiled nodes.
///
/// `check` runs in two modes: collecting (every violation is recorded) and deciding (the first
/// failure returns false and nothing is recorded), which is what `anyOf`, `oneOf` and `not` need
/// for their branches. Nothing is allocated for a valid value: the path is a stack of entry and
/// element positions in caller-owned memory, turned into names (by walking down from the root
/// again) only when a violation is recorded, and messages are built only then.
struct SchemaValidator {
    let nodes: UnsafeBufferPointer<SchemaNode>
    let now: Timestamp?
    let root: Value
    /// Positions from the root to the value being checked: a map entry's or a list element's.
    let path: UnsafeMutablePointer<Int>
    var pathCount = 0
    let memo: UnsafeMutablePointer<Int32>
    var depth = 0
    var violations: [SchemaViolation] = []

    /// Deepest nesting of checks. The loaders bound documents at 512 levels and the compiler
    /// rejects reference cycles that do not descend, so only a value built in code this deep
    /// reaches it; past it the value is reported (as a `type` violation, the nearest kind)
    /// rather than the stack overflowed.
    static let maxDepth = 2_048

    /// How many positions `path` must have room for.
    static let pathCapacity = maxDepth + 2

    /// `path` has room for `pathCapacity` positions; `memo` for the compiled schema's memo slots,
    /// zeroed. The caller owns both, so this stays a plain struct.
    init(nodes: UnsafeBufferPointer<SchemaNode>, root: Value, now: Timestamp?,
         path: UnsafeMutablePointer<Int>, memo: UnsafeMutablePointer<Int32>) {
        self.nodes = nodes
        self.root = root
        self.now = now
        self.path = path
        self.memo = memo
    }

    @inline(__always)
    mutating func push(_ position: Int) {
        path[pathCount] = position
        pathCount += 1
    }

    @inline(__always)
    mutating func pop() { pathCount -= 1 }

    @inline(__always)
    func node(_ index: Int32) -> UnsafePointer<SchemaNode> {
        nodes.baseAddress.unsafelyUnwrapped + Int(index)
    }

    /// Whether `value` is valid against node `index`; in collecting mode, records why not.
    mutating func check(_ index: Int32, _ value: Value, _ mark: SourceMark, _ collect: Bool) -> Bool {
        var node = self.node(index)
        // Compile-time cycle checks guarantee a chain of plain references ends.
        while node.pointee.isRefOnly { node = self.node(node.pointee.ref) }
        if node.pointee.isTrivial { return true }
        if node.pointee.rejectsAll {
            if collect { report(.not, mark, "\(ValueText.quoted(value)) is not allowed here (the schema is false)") }
            return false
        }
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maxDepth {
            if collect { report(.type, mark, "nested more than \(Self.maxDepth) schema levels deep; not validated further") }
            return false
        }

        var valid = true
        var typeFailed = false
        if let types = node.pointee.types, types.isDisjoint(with: JSONTypeSet.of(value)) {
            guard collect else { return false }
            report(.type, mark, "\(ValueText.quoted(value)) is not \(types.expectation)")
            valid = false
            typeFailed = true
        }

        switch value {
        case .map(let map):
            if let rules = node.pointee.object, !checkObject(rules, map, mark, collect) {
                guard collect else { return false }
                valid = false
            }
        case .list(let list):
            if let rules = node.pointee.array, !checkArray(rules, list, mark, collect) {
                guard collect else { return false }
                valid = false
            }
        case .string(let text):
            if let rules = node.pointee.string, !checkString(rules, text, mark, collect) {
                guard collect else { return false }
                valid = false
            }
        case .int, .uint, .double:
            if let rules = node.pointee.number, !checkNumber(rules, value, mark, collect) {
                guard collect else { return false }
                valid = false
            }
        default:
            break
        }

        if let allowed = node.pointee.enumeration, !allowed.contains(value) {
            guard collect else { return false }
            valid = false
            // A value of the wrong type is already reported; listing the choices adds nothing.
            if !typeFailed { report(.enumeration, mark, "\(ValueText.quoted(value)) is not one of \(Self.choices(allowed.values))") }
        }
        if let expected = node.pointee.const, !JSONEquality.equal(expected, value) {
            guard collect else { return false }
            valid = false
            if !typeFailed { report(.const, mark, "\(ValueText.quoted(value)) is not the required value \(ValueText.quoted(expected))") }
        }

        guard node.pointee.hasApplicators else { return valid }
        if node.pointee.ref >= 0, !check(node.pointee.ref, value, mark, collect) {
            guard collect else { return false }
            valid = false
        }
        if !node.pointee.allOf.isEmpty {
            for branch in node.pointee.allOf where !check(branch, value, mark, collect) {
                guard collect else { return false }
                valid = false
            }
        }
        if !node.pointee.anyOf.isEmpty, !checkAnyOf(node.pointee.anyOf, value, mark, collect) {
            guard collect else { return false }
            valid = false
        }
        if !node.pointee.oneOf.isEmpty, !checkOneOf(node.pointee.oneOf, value, mark, collect) {
            guard collect else { return false }
            valid = false
        }
        if node.pointee.not >= 0, check(node.pointee.not, value, mark, false) {
            guard collect else { return false }
            valid = false
            report(.not, mark, "\(ValueText.quoted(value)) matches a schema it must not match (not)")
        }
        return valid
    }

    // MARK: Reporting

    mutating func report(_ kind: SchemaViolation.Kind, _ mark: SourceMark, _ message: String, suggestion: String? = nil) {
        let location = currentPath().description
        violations.append(SchemaViolation(kind: kind, path: location, mark: mark, message: location + ": " + message, suggestion: suggestion))
    }

    /// The path of the value being checked, named by walking the positions down from the root.
    func currentPath() -> ValuePath {
        var components: [ValuePath.Component] = []
        var value = root
        for position in UnsafeBufferPointer(start: path, count: pathCount) {
            switch value {
            case .map(let map):
                let key = map.key(at: position)
                components.append(.key(key.stringValue ?? ValueText.plain(key)))
                value = map.value(at: position)
            case .list(let list):
                components.append(.index(position))
                value = list[position]
            default:
                return ValuePath(components)
            }
        }
        return ValuePath(components)
    }

    /// The allowed values of an `enum` as a message lists them.
    static func choices(_ values: [Value]) -> String {
        let shown = values.prefix(12).map(ValueText.plain)
        return shown.joined(separator: ", ") + (values.count > 12 ? ", … (\(values.count) in all)" : "")
    }

    /// The violations without repeats (a value reached through two `allOf` branches can break
    /// the same rule twice), in document order.
    func finished() -> [SchemaViolation] {
        guard violations.count > 1 else { return violations }
        var seen = Set<SchemaViolation>()
        let unique = violations.filter { seen.insert($0).inserted }
        return unique.enumerated().sorted { ($0.element.mark, $0.offset) < ($1.element.mark, $1.offset) }.map(\.element)
    }
}
