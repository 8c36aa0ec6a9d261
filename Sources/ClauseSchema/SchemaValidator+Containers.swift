import ClauseDiagnostics
import ClauseValue

/// Maps and lists: the part of the walk that descends, pushing each position on the path.
extension SchemaValidator {
    mutating func checkObject(_ rules: ObjectRules, _ map: ValueMap, _ mark: SourceMark, _ collect: Bool) -> Bool {
        var valid = true
        var requiredSeen = 0
        let additional = rules.additional
        let firstChildViolation = violations.count
        for i in 0..<map.count {
            let key = map.key(at: i)
            var slot = -1
            if case .string(let name) = key { slot = rules.slot(of: name, position: i, memo: memo) }
            if slot >= 0 && rules.isRequired[slot] { requiredSeen += 1 }
            let child: Int32
            if slot >= 0 && slot < rules.declaredCount {
                child = rules.nodes[slot]
            } else if additional >= 0 {
                if node(additional).pointee.rejectsAll {
                    guard collect else { return false }
                    valid = false
                    reportUnknown(key, at: i, of: map, rules)
                    continue
                }
                child = additional
            } else {
                continue
            }
            if node(child).pointee.isTrivial { continue }
            push(i)
            let ok = check(child, map.value(at: i), map.mark(at: i), collect)
            pop()
            if !ok {
                guard collect else { return false }
                valid = false
            }
        }
        if requiredSeen < rules.required.count {
            guard collect else { return false }
            valid = false
            let added = violations.count
            for name in rules.required where map.position(ofString: name) == nil {
                report(.required, mark, "missing required field '\(name)'")
            }
            // Moved before the fields' own violations: the object comes first in the file. Only
            // this object's violations move, so many incomplete objects stay linear.
            if firstChildViolation < added {
                let missing = Array(violations[added...])
                violations.removeSubrange(added...)
                violations.insert(contentsOf: missing, at: firstChildViolation)
            }
        }
        return valid
    }

    mutating func reportUnknown(_ key: Value, at position: Int, of map: ValueMap, _ rules: ObjectRules) {
        var suggestion: String?
        if case .string(let name) = key { suggestion = Suggestion.closest(to: name, among: rules.declaredNames) }
        push(position)
        let keyMark = map.hasMarks ? map.entry(at: position).keyMark : SourceMark.none
        report(.unknownProperty, keyMark, "unknown field" + (suggestion.map { "; did you mean '\($0)'?" } ?? ""), suggestion: suggestion)
        pop()
    }

    mutating func checkArray(_ rules: ArrayRules, _ list: ValueList, _ mark: SourceMark, _ collect: Bool) -> Bool {
        var valid = true
        let count = list.count
        if let minimum = rules.minItems, count < minimum {
            guard collect else { return false }
            valid = false
            report(.minItems, mark, "has \(count) item\(count == 1 ? "" : "s"); at least \(minimum) required")
        }
        if let maximum = rules.maxItems, count > maximum {
            guard collect else { return false }
            valid = false
            report(.maxItems, mark, "has \(count) items; at most \(maximum) allowed")
        }
        let prefix = rules.prefixItems.count
        for i in 0..<min(prefix, count) where !checkElement(rules.prefixItems[i], list, i, collect) {
            guard collect else { return false }
            valid = false
        }
        let items = rules.items
        if items >= 0 && count > prefix {
            if node(items).pointee.rejectsAll {
                guard collect else { return false }
                valid = false
                report(.items, mark, "has \(count) items; at most \(prefix) allowed")
            } else if !node(items).pointee.isTrivial {
                for i in prefix..<count {
                    list.prefetch(after: i)
                    if !checkElement(items, list, i, collect) {
                        guard collect else { return false }
                        valid = false
                    }
                }
            }
        }
        if rules.uniqueItems, let (first, second) = Self.firstRepeat(list) {
            guard collect else { return false }
            valid = false
            report(.items, mark, "items \(first) and \(second) are equal; items must be unique")
        }
        return valid
    }

    @inline(__always)
    mutating func checkElement(_ schema: Int32, _ list: ValueList, _ i: Int, _ collect: Bool) -> Bool {
        push(i)
        defer { pop() }
        return check(schema, list[i], list.mark(at: i), collect)
    }

    /// The first two positions holding JSON-equal items, if any.
    static func firstRepeat(_ list: ValueList) -> (Int, Int)? {
        if list.count <= 32 {
            for j in 1..<max(list.count, 1) {
                for i in 0..<j where JSONEquality.equal(list[i], list[j]) { return (i, j) }
            }
            return nil
        }
        var seen: [JSONKey: Int] = [:]
        for (j, item) in list.enumerated() {
            if let i = seen.updateValue(j, forKey: JSONKey(value: item)) { return (i, j) }
        }
        return nil
    }
}
