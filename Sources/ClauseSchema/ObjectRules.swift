/// `properties`, `required` and `additionalProperties` of one schema, merged into one table so a
/// map's keys are looked up once each, and `required` is checked by counting the required keys
/// met on the way instead of searching the map for each.
final class ObjectRules: Sendable {
    /// Declared property names first (`properties`, in order), then names that are only required.
    let names: [String]
    /// Per name: the property's schema node, or -1 for a name that is only required.
    let nodes: [Int32]
    /// Per name: whether it is required.
    let isRequired: [Bool]
    /// Names under `properties` are `names[0..<declaredCount]`; the others are additional.
    let declaredCount: Int
    /// `required`, in the order the schema lists it.
    let required: [String]
    /// The schema for keys not under `properties`; -1 when any key is allowed.
    let additional: Int32
    /// Where this table's slots in the validator's lookup memo start.
    let memoBase: Int
    private let lookup: [String: Int32]

    /// How many map positions get their own memo slot; later positions share the last one.
    static let memoWidth = 16

    init(properties: [(String, Int32)], required: [String], additional: Int32, memoBase: Int) {
        var names = properties.map(\.0)
        var nodes = properties.map(\.1)
        var lookup: [String: Int32] = [:]
        for (i, name) in names.enumerated() { lookup[name] = Int32(i) }
        var isRequired = [Bool](repeating: false, count: names.count)
        var requiredNames: [String] = []
        for name in required where !requiredNames.contains(name) {
            requiredNames.append(name)
            if let slot = lookup[name] {
                isRequired[Int(slot)] = true
            } else {
                lookup[name] = Int32(names.count)
                names.append(name)
                nodes.append(-1)
                isRequired.append(true)
            }
        }
        self.names = names
        self.nodes = nodes
        self.isRequired = isRequired
        self.declaredCount = properties.count
        self.required = requiredNames
        self.additional = additional
        self.memoBase = memoBase
        self.lookup = lookup
    }

    /// The slot of `name`, or -1. Records of one kind repeat their keys in the same order, so
    /// the slot found at the same position last time is tried first: usually one comparison of
    /// two small strings instead of hashing.
    @inline(__always)
    func slot(of name: String, position: Int, memo: UnsafeMutablePointer<Int32>) -> Int {
        let m = memoBase + min(position, Self.memoWidth - 1)
        let guess = Int(memo[m])
        if guess < names.count && names[guess] == name { return guess }
        guard let found = lookup[name] else { return -1 }
        memo[m] = found
        return Int(found)
    }

    /// The declared property names, which a misspelt key is compared with.
    var declaredNames: ArraySlice<String> { names[0..<declaredCount] }
}
