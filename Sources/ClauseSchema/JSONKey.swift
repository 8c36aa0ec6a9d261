import ClauseValue

/// A value wrapped so that a `Set` or `Dictionary` uses JSON equality, for large `enum`s and
/// `uniqueItems` over long arrays.
struct JSONKey: Hashable, Sendable {
    let value: Value

    static func == (lhs: JSONKey, rhs: JSONKey) -> Bool { JSONEquality.equal(lhs.value, rhs.value) }
    func hash(into hasher: inout Hasher) { JSONEquality.hash(value, into: &hasher) }
}
