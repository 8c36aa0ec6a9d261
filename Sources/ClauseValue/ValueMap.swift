import ClauseDiagnostics

/// An immutable map that keeps insertion order and the source mark of each value.
///
/// Snapshots hold many small maps (a service, an incident), where a linear scan beats hashing;
/// a hash index is built only for maps large enough to pay for it.
public final class ValueMap: Sendable, Hashable, RandomAccessCollection {
    public let keys: [Value]
    public let values: [Value]
    /// One mark per entry (where its value starts), or empty when built at run time.
    public let marks: [SourceMark]
    /// One mark per entry (where its key starts), or empty when built at run time.
    public let keyMarks: [SourceMark]
    private let index: [Value: Int]?

    static let indexThreshold = 12

    /// Builds a map from entries whose keys are already unique.
    public init(keys: [Value], values: [Value], marks: [SourceMark] = [], keyMarks: [SourceMark] = []) {
        self.keys = keys
        self.values = values
        self.marks = marks.count == keys.count ? marks : []
        self.keyMarks = keyMarks.count == keys.count ? keyMarks : []
        if keys.count > Self.indexThreshold {
            var index = [Value: Int](minimumCapacity: keys.count)
            for (i, key) in keys.enumerated() where index[key] == nil { index[key] = i }
            self.index = index
        } else {
            self.index = nil
        }
    }

    /// Builds a map from entries; a later entry with the same key replaces the earlier one in place.
    public convenience init(_ entries: [(Value, Value)]) {
        var keys: [Value] = []
        var values: [Value] = []
        var seen: [Value: Int] = [:]
        for (key, value) in entries {
            if let at = seen[key] {
                values[at] = value
            } else {
                seen[key] = keys.count
                keys.append(key)
                values.append(value)
            }
        }
        self.init(keys: keys, values: values)
    }

    public var count: Int { keys.count }
    public var startIndex: Int { 0 }
    public var endIndex: Int { keys.count }
    public subscript(position: Int) -> (key: Value, value: Value) { (keys[position], values[position]) }

    /// The position of `key` (exact `Value` equality), if present.
    public func position(of key: Value) -> Int? {
        if let index { return index[key] }
        for i in 0..<keys.count where keys[i] == key { return i }
        return nil
    }

    /// The position of a string key without building a `Value` for it when the map is small.
    public func position(ofString key: String) -> Int? {
        if let index { return index[.string(key)] }
        for i in 0..<keys.count {
            if case .string(let k) = keys[i], k == key { return i }
        }
        return nil
    }

    public subscript(key: Value) -> Value? {
        position(of: key).map { values[$0] }
    }

    public subscript(key: String) -> Value? {
        position(ofString: key).map { values[$0] }
    }

    /// Where the value of entry `position` starts in its file, or `.none`.
    public func mark(at position: Int) -> SourceMark {
        position < marks.count ? marks[position] : .none
    }

    /// Maps compare as sets of entries: order does not matter, as in YAML, JSON and CEL.
    public static func == (lhs: ValueMap, rhs: ValueMap) -> Bool {
        if lhs === rhs { return true }
        guard lhs.count == rhs.count else { return false }
        for i in 0..<lhs.count {
            guard let other = rhs[lhs.keys[i]], other == lhs.values[i] else { return false }
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        // Order-independent: combine per-entry hashes commutatively.
        var acc = 0
        for i in 0..<count {
            var h = Hasher()
            h.combine(keys[i])
            h.combine(values[i])
            acc ^= h.finalize()
        }
        hasher.combine(count)
        hasher.combine(acc)
    }
}
