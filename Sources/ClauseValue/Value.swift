import ClauseDiagnostics
import CPrefetch

/// One value of a loaded document or of an expression: the single data model of Clause.
///
/// YAML, JSON and CEL all produce and consume it, so a snapshot is evaluated without conversion.
/// Containers are reference types (`ValueList`, `ValueMap`) so a `Value` stays small and copying
/// one never copies a subtree; they are immutable once built, which keeps them `Sendable`.
/// Source marks live in the containers, beside the elements they describe, not in every value.
public enum Value: Sendable, Hashable {
    /// The absence of a value: `null` in YAML and JSON, CEL's `null_type`.
    case null
    /// A truth value, CEL's `bool`.
    case bool(Bool)
    /// A signed 64-bit integer, CEL's `int`: the form every integer of a document takes if it fits.
    case int(Int64)
    /// An unsigned 64-bit integer, CEL's `uint`; documents produce it only above `Int64.max`.
    case uint(UInt64)
    /// A 64-bit floating-point number, CEL's `double`.
    case double(Double)
    /// Text, CEL's `string`.
    case string(String)
    /// Raw bytes, CEL's `bytes`; a loaded document never holds them (`!!binary` stays text).
    case bytes([UInt8])
    /// An ordered list, with the source marks of its elements.
    case list(ValueList)
    /// A map in insertion order, with the source marks of its keys and values.
    case map(ValueMap)
    /// An instant, CEL's `google.protobuf.Timestamp`; a loaded document's dates stay strings.
    case timestamp(Timestamp)
    /// A span of time, CEL's `google.protobuf.Duration`, as rule parameters such as `30d` become.
    case duration(Interval)

    /// The kind's name as CEL spells its type (`int`, `list`, `google.protobuf.Timestamp`, ...).
    public var kindName: String {
        switch self {
        case .null: "null_type"
        case .bool: "bool"
        case .int: "int"
        case .uint: "uint"
        case .double: "double"
        case .string: "string"
        case .bytes: "bytes"
        case .list: "list"
        case .map: "map"
        case .timestamp: "google.protobuf.Timestamp"
        case .duration: "google.protobuf.Duration"
        }
    }
}

extension Value {
    /// Convenience for building lists at run time (no source marks).
    public static func list(_ elements: [Value]) -> Value { .list(ValueList(elements)) }

    /// Convenience for building maps at run time (no source marks); later duplicates win.
    public static func map(_ entries: [(Value, Value)]) -> Value { .map(ValueMap(entries)) }

    /// The text of a `.string`, nil for any other kind, for reading a field without a `switch`.
    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    /// The identity of a list's or map's storage (the same container reached twice has the
    /// same one); nil for other values.
    public var storageIdentity: ObjectIdentifier? {
        switch self {
        case .list(let list): ObjectIdentifier(list)
        case .map(let map): map.identity
        default: nil
        }
    }
    /// The list of a `.list`, nil for any other kind.
    public var listValue: ValueList? { if case .list(let l) = self { l } else { nil } }
    /// The map of a `.map`, nil for any other kind.
    public var mapValue: ValueMap? { if case .map(let m) = self { m } else { nil } }

    /// Looks up a string key in a map value; nil for any other value or a missing key.
    public subscript(key: String) -> Value? {
        mapValue?[key]
    }
}

extension Value {
    /// Starts loading the first entries of the map at `value` into the cache without waiting,
    /// for a loop that will reach it a few elements later.
    ///
    /// It must not retain the map: on memory not yet in cache a retain (an atomic write) stalls
    /// the CPU for the whole load, which is what the hint exists to avoid. So the reference is
    /// read straight from the value's storage, where a `.map` keeps it; a prefetch never
    /// faults, so were the layout ever different the hint would only be useless.
    ///
    /// Returns the map's address, nil when `value` is no map.
    @inlinable @inline(__always) @discardableResult
    public static func prefetch(_ value: UnsafePointer<Value>) -> UnsafeRawPointer? {
        guard let object = mapObject(value) else { return nil }
        // 768 bytes: the object and map headers and a dozen entries, the size of a typical
        // snapshot record. A smaller map's neighbour in memory is mostly the next element.
        for line in 0..<12 { clause_prefetch(object + 64 * line) }
        return object
    }
}

extension Value {
    /// The address of the storage object of the map at `value`, read without retaining it.
    @usableFromInline @inline(__always)
    static func mapObject(_ value: UnsafePointer<Value>) -> UnsafeRawPointer? {
        guard case .map = value.pointee else { return nil }
        return UnsafeRawPointer(value).load(as: UnsafeRawPointer.self)
    }
}
