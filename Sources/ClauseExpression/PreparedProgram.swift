import ClauseValue

/// A program with every variable but one fixed, for evaluating it over many values of that one
/// (a rule over the elements of a section) on one thread.
///
/// The fixed variables are put in the frame once, not once per evaluation: `evaluate(slots:)`
/// copies (and so retains and releases) every variable's value each time it is called, which
/// over a million elements and a dozen sections is most of what a short expression costs.
/// Not for sharing between threads: each thread prepares its own.
public final class PreparedProgram {
    private let compiled: Compiled
    private let base: UnsafeMutablePointer<RValue>
    private let total: Int
    private let varying: Int

    /// `program` with `slots` (one value per entry of its `variables`) in place; `varying` is
    /// the index of the one `evaluate` sets.
    public init(_ program: Program, slots: [Value], varying: Int) {
        let c = program.compiled
        precondition(slots.count == c.variables.count && varying >= 0 && varying < slots.count, "one value per variable, and the varying one among them")
        compiled = c
        self.varying = varying
        total = max(c.variables.count + c.localCount, 1)
        base = UnsafeMutablePointer<RValue>.allocate(capacity: total)
        for i in 0..<slots.count { (base + i).initialize(to: .value(slots[i])) }
        (base + slots.count).initialize(repeating: .null, count: total - slots.count)
    }

    deinit {
        base.deinitialize(count: total)
        base.deallocate()
    }

    /// The program's value with `value` as its varying variable; what `evaluate(slots:)` gives
    /// for the same slots.
    public func evaluate(_ value: Value) throws(EvaluationError) -> Value {
        let c = compiled
        let locals = base + c.variables.count
        base[varying] = .value(value)
        defer {
            // Nothing of this evaluation is kept alive until the next: the element, and what
            // comprehensions and binds left in their slots.
            base[varying] = .null
            locals.update(repeating: .null, count: c.localCount)
        }
        return try Program(compiled: c).plain(c.eval(frame: base, activation: nil))
    }
}
