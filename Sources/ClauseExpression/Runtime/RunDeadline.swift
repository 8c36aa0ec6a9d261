import Dispatch
import Synchronization

/// A limit on a whole run's time (`clause check --timeout`), beside the per-evaluation cost
/// budget: ten thousand elements that each spend their whole budget are each within it, yet
/// together would run for most of an hour. Once the deadline passes, evaluations still running
/// stop at their next check (every 65,536 steps) with "time limit exceeded", and the engine
/// judges no further elements.
public enum RunDeadline {
    private static let reached = Atomic<Bool>(false)
    private static let generation = Atomic<Int>(0)

    /// Whether the run's time is up.
    @inline(__always) public static var passed: Bool { reached.load(ordering: .relaxed) }

    /// Starts the clock: the deadline passes `seconds` from now (a later call replaces it).
    public static func start(seconds: Double) {
        reached.store(false, ordering: .relaxed)
        let mine = generation.add(1, ordering: .relaxed).newValue
        guard seconds.isFinite, seconds > 0 else { return }
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
            if generation.load(ordering: .relaxed) == mine { reached.store(true, ordering: .relaxed) }
        }
    }

    /// No deadline (tests, embedders that run evaluations of their own).
    public static func clear() {
        generation.add(1, ordering: .relaxed)
        reached.store(false, ordering: .relaxed)
    }
}
