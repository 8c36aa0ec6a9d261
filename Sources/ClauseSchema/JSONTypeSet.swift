import ClauseValue

/// The seven JSON Schema types as bits, so a `type` check is one AND per value instead of a
/// comparison of names.
struct JSONTypeSet: OptionSet, Sendable, Hashable {
    let rawValue: UInt8

    static let null = JSONTypeSet(rawValue: 1)
    static let boolean = JSONTypeSet(rawValue: 2)
    static let object = JSONTypeSet(rawValue: 4)
    static let array = JSONTypeSet(rawValue: 8)
    static let number = JSONTypeSet(rawValue: 16)
    static let string = JSONTypeSet(rawValue: 32)
    static let integer = JSONTypeSet(rawValue: 64)

    /// Names in the order messages list them.
    static let named: [(String, JSONTypeSet)] = [
        ("object", .object), ("array", .array), ("string", .string), ("integer", .integer),
        ("number", .number), ("boolean", .boolean), ("null", .null),
    ]

    init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The type a `type` keyword names; nil for a name JSON Schema does not define.
    init?(name: String) {
        guard let entry = Self.named.first(where: { $0.0 == name }) else { return nil }
        self = entry.1
    }

    /// Every JSON type `value` belongs to. An integral double is an integer, as JSON Schema
    /// counts 1.0; a non-finite double, a timestamp, a duration and bytes belong to none, since
    /// JSON cannot hold them.
    @inline(__always)
    static func of(_ value: Value) -> JSONTypeSet {
        switch value {
        case .null: return .null
        case .bool: return .boolean
        case .int, .uint: return [.integer, .number]
        case .double(let d):
            guard d.isFinite else { return [] }
            return d.rounded(.towardZero) == d ? [.integer, .number] : .number
        case .string: return .string
        case .list: return .array
        case .map: return .object
        case .timestamp, .duration, .bytes: return []
        }
    }

    /// What a message says was expected: `a string`, `an integer or null`.
    var expectation: String {
        var names = Self.named.filter { contains($0.1) }.map(\.0)
        // `number` already admits integers: naming both would read as two different demands.
        if contains(.number), let at = names.firstIndex(of: "integer") { names.remove(at: at) }
        guard let first = names.first else { return "nothing" }
        let article = first == "null" ? "" : first == "object" || first == "array" || first == "integer" ? "an " : "a "
        return article + names.joined(separator: " or ")
    }
}
