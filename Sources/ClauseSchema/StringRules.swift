import ClauseExpression

/// The string keywords of one schema, apart so that a non-string value never looks at them (a
/// class, so reaching them from a node costs one reference, not a copy of every field).
final class StringRules: Sendable {
    let minLength: Int?
    let maxLength: Int?
    /// `pattern`, compiled once for the linear-time engine.
    let pattern: RegularExpression?
    let format: SchemaFormat?

    init(minLength: Int?, maxLength: Int?, pattern: RegularExpression?, format: SchemaFormat?) {
        self.minLength = minLength
        self.maxLength = maxLength
        self.pattern = pattern
        self.format = format
    }
}
