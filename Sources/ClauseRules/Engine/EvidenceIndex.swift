import ClauseDiagnostics
import ClauseValue

/// Finds where a judged element sits in its document.
///
/// Elements reach a rule through CEL (`services.filter(...)`), which keeps the very list and map
/// objects of the document; so their identity leads back to a path and a mark. The index is
/// built only when a snapshot has findings, in one walk, and holds only the elements asked
/// for: the walk visits every list and map but builds a path only for those (a snapshot has
/// hundreds of thousands of containers and usually a few thousand findings).
final class EvidenceIndex {
    private var places: [ObjectIdentifier: (ValuePath, SourceMark)] = [:]
    private let targets: Set<ObjectIdentifier>
    /// The path of the container being walked, as a stack of steps: an index into a list (map
    /// nil), or an entry of a map, whose key is read only when a target is reached.
    private var steps: [(map: ValueMap?, position: Int)] = []

    /// Indexes the lists and maps of `root` whose identities are in `targets`.
    init(root: Value, rootMark: SourceMark, targets: Set<ObjectIdentifier>) {
        self.targets = targets
        places.reserveCapacity(targets.count)
        walk(root, mark: rootMark)
    }

    private func record(_ id: ObjectIdentifier, mark: SourceMark) {
        // A container reached twice (a YAML alias) keeps the place it was last reached at.
        guard targets.contains(id) else { return }
        let components = steps.map { step -> ValuePath.Component in
            guard let map = step.map else { return .index(step.position) }
            let key = map.key(at: step.position)
            return .key(key.stringValue ?? "\(key)")
        }
        places[id] = (ValuePath(components), mark)
    }

    private func walk(_ value: Value, mark: SourceMark) {
        switch value {
        case .list(let list):
            record(ObjectIdentifier(list), mark: mark)
            for i in 0..<list.count {
                switch list[i] {
                case .list, .map:
                    steps.append((nil, i))
                    walk(list[i], mark: list.mark(at: i))
                    steps.removeLast()
                default:
                    break
                }
            }
        case .map(let map):
            record(map.identity, mark: mark)
            // By position, not through the `entries` column (a key path and a whole entry per access).
            for i in 0..<map.count {
                let value = map.value(at: i)
                switch value {
                case .list, .map:
                    steps.append((map, i))
                    walk(value, mark: map.mark(at: i))
                    steps.removeLast()
                default:
                    break
                }
            }
        default:
            break
        }
    }

    /// The path and mark of a list or map of the document that was among the targets; nil
    /// otherwise (scalars, built values).
    func place(of value: Value) -> (ValuePath, SourceMark)? {
        value.storageIdentity.flatMap { places[$0] }
    }
}
