/// The array keywords of one schema, apart so that a non-array value never looks at them (a
/// class, so reaching them from a node costs one reference, not a copy of every field).
final class ArrayRules: Sendable {
    /// `prefixItems`: the schema of each leading position.
    let prefixItems: [Int32]
    /// `items`: the schema of every item after `prefixItems`; -1 when absent.
    let items: Int32
    let minItems: Int?
    let maxItems: Int?
    let uniqueItems: Bool

    init(prefixItems: [Int32], items: Int32, minItems: Int?, maxItems: Int?, uniqueItems: Bool) {
        self.prefixItems = prefixItems
        self.items = items
        self.minItems = minItems
        self.maxItems = maxItems
        self.uniqueItems = uniqueItems
    }
}
