import ClauseDiagnostics
import ClauseValue

/// `anyOf` and `oneOf`: branches decided without recording, and one useful violation when they
/// all fail.
extension SchemaValidator {
    mutating func checkAnyOf(_ branches: [Int32], _ value: Value, _ mark: SourceMark, _ collect: Bool) -> Bool {
        for branch in branches where check(branch, value, mark, false) { return true }
        if collect { reportAlternatives(.anyOf, branches, value, mark) }
        return false
    }

    mutating func checkOneOf(_ branches: [Int32], _ value: Value, _ mark: SourceMark, _ collect: Bool) -> Bool {
        var first = -1
        for (i, branch) in branches.enumerated() where check(branch, value, mark, false) {
            if first < 0 {
                first = i
                continue
            }
            if collect {
                report(.oneOf, mark, "\(ValueText.quoted(value)) matches alternatives \(first + 1) and \(i + 1) of \(branches.count); exactly one must match (oneOf)")
            }
            return false
        }
        if first >= 0 { return true }
        if collect { reportAlternatives(.oneOf, branches, value, mark) }
        return false
    }

    /// When no alternative matches: the violations of the one alternative whose `type` or
    /// `const` discriminators fit the value, if exactly one does (that is the form the user
    /// meant); otherwise one violation at the value.
    mutating func reportAlternatives(_ kind: SchemaViolation.Kind, _ branches: [Int32], _ value: Value, _ mark: SourceMark) {
        var chosen: Int32 = -1
        for branch in branches {
            switch discriminators(of: branch, fit: value) {
            case true?:
                if chosen >= 0 { chosen = -2 } else if chosen == -1 { chosen = branch }
            case nil:
                chosen = -2
            case false?:
                continue
            }
        }
        if chosen >= 0, !check(chosen, value, mark, true) { return }
        report(kind, mark, "\(ValueText.quoted(value)) matches none of the \(branches.count) alternatives (\(kind.rawValue))")
    }

    /// Whether the `type` and `const` properties of a branch (through its `$ref`s) fit `value`;
    /// nil when the branch has neither, so nothing can be said.
    func discriminators(of branch: Int32, fit value: Value) -> Bool? {
        var evidence = false
        var current = branch
        var steps = 0
        while current >= 0 && steps < nodes.count {
            let node = self.node(current)
            if let types = node.pointee.types {
                evidence = true
                if types.isDisjoint(with: JSONTypeSet.of(value)) { return false }
            }
            if case .map(let map) = value, let rules = node.pointee.object {
                for slot in 0..<rules.declaredCount {
                    let property = self.node(rules.nodes[slot])
                    guard let expected = property.pointee.const ?? Self.single(property.pointee.enumeration) else { continue }
                    evidence = true
                    guard let at = map.position(ofString: rules.names[slot]), JSONEquality.equal(map.value(at: at), expected) else { return false }
                }
            }
            current = node.pointee.ref
            steps += 1
        }
        return evidence ? true : nil
    }

    static func single(_ rules: EnumRules?) -> Value? {
        guard let rules, rules.values.count == 1 else { return nil }
        return rules.values[0]
    }
}
