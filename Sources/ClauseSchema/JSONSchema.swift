import ClauseDiagnostics
import ClauseValue

/// A compiled JSON Schema (draft 2020-12) for checking snapshots before any rule runs, so a
/// typo in a field name or a date written the wrong way is reported as such, with its line,
/// instead of surfacing later as a puzzling rule result.
///
/// Supported: `$schema` (2020-12 only), `$id` (root only), `$defs`, `$ref` (JSON pointers into
/// this document: `#`, `#/$defs/x`, with `~0`/`~1` and percent-decoding; also the root `$id`
/// followed by such a pointer), `type`, `properties`, `required`, `additionalProperties`,
/// `items`, `prefixItems`, `enum`, `const`, `pattern` (RE2 syntax, linear time), `format`
/// (`date`, `date-time`, `past-date`, `past-date-time`, as assertions), `minimum`, `maximum`,
/// `exclusiveMinimum`, `exclusiveMaximum`, `anyOf`, `oneOf`, `allOf`, `not`, `minItems`,
/// `maxItems`, `minLength`, `maxLength`, `uniqueItems`, and boolean schemas. Annotations
/// (`title`, `description`, `$comment`, `examples`, `default`, `deprecated`, `readOnly`,
/// `writeOnly`, `x-*`) are accepted and ignored. `past-date` and `past-date-time` are Clause's
/// own formats (see `SchemaFormat`): a date that must not be after the evaluation time.
///
/// Not supported, and refused when compiling (fail closed): remote and relative `$ref`s,
/// `$id` below the root, `$anchor`, `$dynamicRef`, `unevaluated*`, `patternProperties`,
/// `if`/`then`/`else`, `contains`, `multipleOf`, `dependent*`, `propertyNames`,
/// `min/maxProperties`, any other format name, and any unknown keyword.
public struct JSONSchema: Sendable {
    private let nodes: [SchemaNode]
    private let memoSlots: Int

    /// Compiles a schema document. Every problem in the schema (unknown keyword, wrong type of a
    /// keyword's value, a `$ref` that does not resolve, a bad regex) is a located diagnostic, all
    /// reported at once, so a schema author fixes them in one pass.
    public init(_ root: Value, rootMark: SourceMark, source: SourceText) throws(DiagnosticError) {
        var compiler = SchemaCompiler(root: root, rootMark: rootMark, file: source.name)
        let nodes = compiler.compile()
        guard compiler.diagnostics.isEmpty else {
            throw DiagnosticError(compiler.diagnostics.sorted(), sources: [source.name: source])
        }
        self.nodes = nodes
        memoSlots = compiler.memoSlots
    }

    /// Validates `instance`, returning every violation in document order (empty when valid).
    /// `now` is the evaluation time that `past-date` and `past-date-time` compare with; nil
    /// checks only their syntax, for callers that have no evaluation time.
    public func validate(_ instance: Value, rootMark: SourceMark, now: Timestamp?) -> [SchemaViolation] {
        let path = UnsafeMutablePointer<Int>.allocate(capacity: SchemaValidator.pathCapacity)
        let memo = UnsafeMutablePointer<Int32>.allocate(capacity: max(memoSlots, 1))
        memo.initialize(repeating: 0, count: max(memoSlots, 1))
        defer {
            path.deallocate()
            memo.deallocate()
        }
        return nodes.withUnsafeBufferPointer { buffer in
            var validator = SchemaValidator(nodes: buffer, root: instance, now: now, path: path, memo: memo)
            _ = validator.check(0, instance, rootMark, true)
            return validator.finished()
        }
    }

    /// The names declared under the root schema's `properties` (the snapshot's sections),
    /// including those of schemas the root applies through `$ref` and `allOf`, in order.
    public var rootProperties: [String] {
        var names: [String] = []
        var seen = Set<String>()
        var visited = Set<Int32>()
        var queue: [Int32] = [0]
        while let index = queue.first {
            queue.removeFirst()
            guard visited.insert(index).inserted else { continue }
            let node = nodes[Int(index)]
            for name in node.object?.declaredNames ?? [] where seen.insert(name).inserted { names.append(name) }
            if node.ref >= 0 { queue.append(node.ref) }
            queue += node.allOf
        }
        return names
    }
}
