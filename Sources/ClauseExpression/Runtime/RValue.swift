import ClauseValue

/// A CEL type as a runtime value (`type(1) == int`), named as CEL spells it.
struct CELType: Hashable, Sendable {
    let name: String
    static let int = CELType(name: "int"), uint = CELType(name: "uint"), double = CELType(name: "double")
    static let bool = CELType(name: "bool"), string = CELType(name: "string"), bytes = CELType(name: "bytes")
    static let list = CELType(name: "list"), map = CELType(name: "map"), null = CELType(name: "null_type")
    static let type = CELType(name: "type"), timestamp = CELType(name: "google.protobuf.Timestamp")
    static let duration = CELType(name: "google.protobuf.Duration"), optional = CELType(name: "optional_type")

    /// Names an expression may use to refer to a type.
    static let byName: [String: CELType] = [
        "int": .int, "uint": .uint, "double": .double, "bool": .bool, "string": .string, "bytes": .bytes,
        "list": .list, "map": .map, "null_type": .null, "type": .type, "optional_type": .optional,
        "google.protobuf.Timestamp": .timestamp, "google.protobuf.Duration": .duration,
        "net.IP": Network.ipType, "net.CIDR": Network.cidrType,
    ]
}

/// An evaluation error as a value: it travels up the tree until an operator absorbs it.
/// Immutable: the node it is located at is given when it is made (`Node.tag` makes a located
/// copy of an unlocated one).
final class Fault: Sendable {
    /// What went wrong, for the decisions taken on an error rather than shown: the planner
    /// reports an operation that can never succeed (`noOverload`) at compile time, and `a[?k]`
    /// turns an absent key or index into an empty optional.
    enum Kind: Sendable {
        case noOverload, noSuchKey, indexOutOfRange, divisionByZero, limit, other
    }

    let message: String
    let kind: Kind
    /// The id of the node it is located at; -1 until it reaches one.
    let node: Int

    init(_ message: String, kind: Kind = .other, node: Int = -1) {
        self.message = message
        self.kind = kind
        self.node = node
    }

    /// The same fault located at `node`.
    func at(_ node: Int) -> Fault { Fault(message, kind: kind, node: node) }

    static func noOverload(_ function: String) -> Fault { Fault("no such overload: \(function)", kind: .noOverload) }
    static let overflow = "integer overflow"
}

/// The interpreter's value: a document `Value`, or one of the kinds only expressions produce.
enum RValue: Sendable {
    case value(Value)
    case type(CELType)
    case error(Fault)
    indirect case optional(RValue?)
    /// An IP address or CIDR network (network extension).
    case net(NetValue)

    static let `true` = RValue.value(.bool(true))
    static let `false` = RValue.value(.bool(false))
    static let null = RValue.value(.null)

    @inline(__always) static func bool(_ b: Bool) -> RValue { .value(.bool(b)) }
    @inline(__always) static func int(_ i: Int64) -> RValue { .value(.int(i)) }
    @inline(__always) static func err(_ m: String, _ kind: Fault.Kind = .other) -> RValue { .error(Fault(m, kind: kind)) }
    static func noOverload(_ f: String) -> RValue { .error(.noOverload(f)) }

    var isError: Bool { if case .error = self { true } else { false } }

    var celType: CELType {
        switch self {
        case .value(let v): return v.celType
        case .type: return .type
        case .error: return CELType(name: "error")
        case .optional: return .optional
        case .net(let n): return n.type
        }
    }
}

extension Value {
    var celType: CELType {
        switch self {
        case .null: .null
        case .bool: .bool
        case .int: .int
        case .uint: .uint
        case .double: .double
        case .string: .string
        case .bytes: .bytes
        case .list: .list
        case .map: .map
        case .timestamp: .timestamp
        case .duration: .duration
        }
    }
}
