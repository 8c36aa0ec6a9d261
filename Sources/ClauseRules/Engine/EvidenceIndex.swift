import ClauseDiagnostics
import ClauseValue

/// Finds where a judged element sits in its document.
///
/// Elements reach a rule through CEL (`services.filter(...)`), which keeps the very list and map
/// objects of the document; so their identity leads back to a path and a mark. The index is
/// built only when a snapshot has findings, in one walk.
final class EvidenceIndex {
    private var places: [ObjectIdentifier: (ValuePath, SourceMark)] = [:]

    init(root: Value, rootMark: SourceMark) {
        walk(root, path: ValuePath(), mark: rootMark)
    }

    private func walk(_ value: Value, path: ValuePath, mark: SourceMark) {
        switch value {
        case .list(let list):
            places[ObjectIdentifier(list)] = (path, mark)
            for i in 0..<list.count {
                let element = list[i]
                if case .list = element { walk(element, path: path.appending(index: i), mark: list.mark(at: i)) }
                if case .map = element { walk(element, path: path.appending(index: i), mark: list.mark(at: i)) }
            }
        case .map(let map):
            places[ObjectIdentifier(map)] = (path, mark)
            for i in 0..<map.count {
                let element = map.values[i]
                let key = map.keys[i].stringValue ?? "\(map.keys[i])"
                if case .list = element { walk(element, path: path.appending(key: key), mark: map.mark(at: i)) }
                if case .map = element { walk(element, path: path.appending(key: key), mark: map.mark(at: i)) }
            }
        default:
            break
        }
    }

    /// The path and mark of a list or map of the document; nil for scalars and built values.
    func place(of value: Value) -> (ValuePath, SourceMark)? {
        switch value {
        case .list(let list): places[ObjectIdentifier(list)]
        case .map(let map): places[ObjectIdentifier(map)]
        default: nil
        }
    }
}
