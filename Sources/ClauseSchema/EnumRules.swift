import ClauseValue

/// `enum`, ready for the check that runs on every value it covers: a short list is scanned (a
/// few string comparisons beat hashing), a long one is hashed once into a set with JSON
/// equality, so 1 and 1.0 still match.
struct EnumRules: Sendable {
    /// The allowed values as written, for scanning and for messages.
    let values: [Value]
    private let set: Set<JSONKey>?

    /// Above this many values a set is used.
    static let scanLimit = 8

    init(_ values: [Value]) {
        self.values = values
        set = values.count > Self.scanLimit ? Set(values.map(JSONKey.init)) : nil
    }

    func contains(_ value: Value) -> Bool {
        if let set { return set.contains(JSONKey(value: value)) }
        if case .string(let s) = value {
            // The common case, strings against strings: Swift's `==` first (one word compare for
            // short strings), then code points, as `==` also equates canonical equivalents.
            for case .string(let allowed) in values where allowed == s && JSONEquality.sameText(allowed, s) { return true }
            return false
        }
        for allowed in values where JSONEquality.equal(allowed, value) { return true }
        return false
    }
}
