import ClauseValue

/// The numeric bounds of one schema, kept as the numbers written (int, uint or double) so that
/// comparisons are exact even for integers a double cannot hold.
final class NumberRules: Sendable {
    let minimum: Value?
    let maximum: Value?
    let exclusiveMinimum: Value?
    let exclusiveMaximum: Value?

    init(minimum: Value?, maximum: Value?, exclusiveMinimum: Value?, exclusiveMaximum: Value?) {
        self.minimum = minimum
        self.maximum = maximum
        self.exclusiveMinimum = exclusiveMinimum
        self.exclusiveMaximum = exclusiveMaximum
    }
}
