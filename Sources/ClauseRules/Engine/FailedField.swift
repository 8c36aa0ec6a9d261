import ClauseDiagnostics
import ClauseDocument
import ClauseValue

/// The snapshot field whose value made a rule's expression fail, so that the error names the
/// field and the value as the organisation wrote them (`services[0].sla.reviewed_on:
/// '01/02/2026' is not a date`), at that field's line, instead of a value built from it or the
/// element's first line.
struct FailedField {
    /// Whether `keys` start at the judged element (`it.sla.reviewed_on`) rather than at the
    /// snapshot's top level (`organization.context.reviewed_on`).
    var fromElement: Bool
    var keys: [String]
    var mark: SourceMark
    /// "'assert' failed" and the expression's own message, joined with the path once the
    /// element's place in the document is known.
    var stage: String
    var detail: String

    /// The field a failure's subject names, when it leads from the element or a section through
    /// map keys present in the data; nil for a path through a `let` or a comprehension variable,
    /// which hold values the document does not locate.
    static func of(_ failure: RuleFailure, stage: String, element: Value?, elementName: String, context: EvaluationContext) -> FailedField? {
        guard let subject = failure.subject, let first = subject.first else { return nil }
        let fromElement = first == elementName && element != nil
        // Where the walk starts, and the keys from there to the field: from the element, or
        // from the snapshot's top level (`snapshot.x.y`, or a section `x.y`).
        var current = context.root
        var mark = context.rootMark
        let keys: ArraySlice<String>
        if fromElement, let element {
            guard subject.count > 1 else { return nil }
            current = element
            keys = subject.dropFirst()
        } else if first == "snapshot" {
            keys = subject.dropFirst()
        } else {
            guard context.rootMap?.position(ofString: first) != nil else { return nil }
            keys = subject[...]
        }
        for key in keys {
            guard case .map(let map) = current, let i = map.position(ofString: key) else { return nil }
            current = map.value(at: i)
            mark = map.mark(at: i)
        }
        let shown = Self.shown(current)
        let detail = failure.message.contains(shown) ? failure.message : "\(shown): \(failure.message)"
        return FailedField(fromElement: fromElement, keys: Array(keys), mark: mark, stage: stage, detail: detail)
    }

    /// A value as the snapshot holds it: text quoted (and cut short), a container by its size.
    static func shown(_ value: Value) -> String {
        switch value {
        case .string(let s): return "'" + (s.count > 120 ? s.prefix(120) + "..." : s) + "'"
        case .list(let l): return "a list of \(l.count)"
        case .map(let m): return "a map of \(m.count) field\(m.count == 1 ? "" : "s")"
        default: return MessageTemplate.display(value)
        }
    }

    /// The message once the field's full path is known.
    func message(path: ValuePath?) -> String {
        "\(stage): \(path.map(\.description) ?? keys.joined(separator: ".")): \(detail)"
    }
}
