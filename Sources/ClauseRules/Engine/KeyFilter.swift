import Synchronization

/// `clause check --key CHG-1234`: only the elements with one of these keys are judged, so that
/// a deployment pipeline asks about one change and gets a verdict for it alone. Which keys
/// matched an element is recorded: a key that matched none is the caller's error to report,
/// never a passing gate.
final class KeyFilter: Sendable {
    let keys: Set<String>
    private let found: Mutex<Set<String>> = Mutex([])

    init(keys: Set<String>) { self.keys = keys }

    /// Whether an element with this key is judged (and the key counted as matched).
    func admits(_ key: String) -> Bool {
        guard keys.contains(key) else { return false }
        found.withLock { _ = $0.insert(key) }
        return true
    }

    var matched: [String] { found.withLock { $0.sorted() } }
}
