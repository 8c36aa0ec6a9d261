/// CEL's commutative logic over several results (`&&`, `||`, `all`, `exists`): the deciding
/// bool wins over errors whichever side they are on; otherwise the first error, otherwise the
/// other bool.
struct ErrorAbsorbing {
    /// The bool that decides: false for `&&` and `all`, true for `||` and `exists`.
    let decider: Bool
    private var error: RValue?

    init(decider: Bool) { self.decider = decider }

    /// Takes one result; gives the answer when `r` decides it, nil to go on. `notBool` is the
    /// error to keep for a result that is neither a bool nor an error.
    @inline(__always)
    mutating func take(_ r: RValue, notBool: @autoclosure () -> RValue) -> RValue? {
        switch r {
        case .value(.bool(let b)): if b == decider { return r }
        case .error: if error == nil { error = r }
        default: if error == nil { error = notBool() }
        }
        return nil
    }

    /// The answer once every result is taken and none decided.
    var result: RValue { error ?? .bool(!decider) }
}

/// What a filter's predicate says of one element.
enum FilterVerdict {
    case keep, skip
    /// The error that ends the comprehension.
    case stop(RValue)

    /// `notBool`: the error for a predicate that gives neither a bool nor an error.
    @inline(__always)
    init(_ r: RValue, notBool: @autoclosure () -> RValue) {
        switch r {
        case .value(.bool(true)): self = .keep
        case .value(.bool(false)): self = .skip
        case .error: self = .stop(r)
        default: self = .stop(notBool())
        }
    }
}
