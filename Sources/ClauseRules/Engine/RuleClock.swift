import ClauseExpression
import Synchronization

/// The time each rule has spent on one snapshot, for the per-rule limit (`clause check
/// --rule-timeout`). The run's limit keeps a run bounded; this one keeps a single slow rule
/// from taking the whole run's time from the others. A rule's elements are judged in parts on
/// both cores, so the parts' times are added up. A part looks at the clock every 16 elements,
/// or after every element once they take more than a millisecond each (each evaluation is
/// bounded by its cost budget, so a limit is overrun by at most one evaluation).
final class RuleClock: Sendable {
    let limit: Duration?
    private let spent: Mutex<[Duration]>

    init(limit: Duration?, rules: Int) {
        self.limit = limit
        spent = Mutex(Array(repeating: .zero, count: rules))
    }

    /// Why a part must stop before its element number `done` (counted from the part's start):
    /// the run's time is up, or this rule's. Nil to go on. `next` is the part's own: the
    /// element at which to look at the clock again.
    func stop(rule: Int, done: Int, since start: ContinuousClock.Instant, next: inout Int) -> Engine.Stop? {
        if RunDeadline.passed { return .run }
        guard let limit, done >= next else { return nil }
        let running = ContinuousClock.now - start
        next = done + (done == 0 || running > .milliseconds(done) ? 1 : 16)
        return spent.withLock { $0[rule] } + running > limit ? .rule : nil
    }

    /// Adds a finished part's time to its rule.
    func add(_ rule: Int, since start: ContinuousClock.Instant) {
        guard limit != nil else { return }
        let time = ContinuousClock.now - start
        spent.withLock { $0[rule] += time }
    }
}
