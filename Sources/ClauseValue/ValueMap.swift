import ClauseDiagnostics

/// An immutable map that keeps insertion order and the source marks of each entry.
///
/// All entries live in one array (key, value and both marks side by side): a snapshot holds
/// hundreds of thousands of small maps, and one allocation per map instead of one per column
/// is what keeps a large snapshot's memory near its file size. Small maps are searched
/// linearly, which beats hashing; a hash index is built only for maps large enough to pay.
public final class ValueMap: Sendable, Hashable, RandomAccessCollection {
    /// One entry: the key, its value, and where each starts in the file (`.none` when built at
    /// run time).
    public struct Entry: Sendable, Hashable {
        // Field order packs the marks into the padding after each 17-byte `Value`: 56 bytes an
        // entry instead of 64.
        public var key: Value
        private var keyLine: UInt32
        public var value: Value
        private var keyColumn: UInt32
        private var valueLine: UInt32
        private var valueColumn: UInt32

        public init(key: Value, value: Value, keyMark: SourceMark = .none, valueMark: SourceMark = .none) {
            self.key = key
            self.keyLine = keyMark.line
            self.value = value
            self.keyColumn = keyMark.column
            self.valueLine = valueMark.line
            self.valueColumn = valueMark.column
        }

        public var keyMark: SourceMark {
            get { SourceMark(line: Int(keyLine), column: Int(keyColumn)) }
            set { keyLine = newValue.line; keyColumn = newValue.column }
        }

        public var valueMark: SourceMark {
            get { SourceMark(line: Int(valueLine), column: Int(valueColumn)) }
            set { valueLine = newValue.line; valueColumn = newValue.column }
        }
    }

    public let entries: [Entry]
    /// Whether the entries carry marks from a file.
    public let hasMarks: Bool
    private let index: [Value: Int]?

    static let indexThreshold = 12

    /// Builds a map from entries whose keys are already unique.
    public init(entries: [Entry], hasMarks: Bool) {
        self.entries = entries
        self.hasMarks = hasMarks
        if entries.count > Self.indexThreshold {
            var index = [Value: Int](minimumCapacity: entries.count)
            for (i, entry) in entries.enumerated() where index[entry.key] == nil { index[entry.key] = i }
            self.index = index
        } else {
            self.index = nil
        }
    }

    /// Builds a map from parallel arrays of unique keys and values (marks optional).
    public convenience init(keys: [Value], values: [Value], marks: [SourceMark] = [], keyMarks: [SourceMark] = []) {
        let withMarks = marks.count == keys.count && !keys.isEmpty
        let withKeyMarks = keyMarks.count == keys.count
        var entries: [Entry] = []
        entries.reserveCapacity(keys.count)
        for i in 0..<Swift.min(keys.count, values.count) {
            entries.append(Entry(key: keys[i], value: values[i],
                                 keyMark: withKeyMarks ? keyMarks[i] : (withMarks ? marks[i] : .none),
                                 valueMark: withMarks ? marks[i] : .none))
        }
        self.init(entries: entries, hasMarks: withMarks)
    }

    /// Builds a map from entries; a later entry with the same key replaces the earlier one in place.
    public convenience init(_ pairs: [(Value, Value)]) {
        var entries: [Entry] = []
        var seen: [Value: Int] = [:]
        for (key, value) in pairs {
            if let at = seen[key] {
                entries[at].value = value
            } else {
                seen[key] = entries.count
                entries.append(Entry(key: key, value: value))
            }
        }
        self.init(entries: entries, hasMarks: false)
    }

    public var count: Int { entries.count }
    public var startIndex: Int { 0 }
    public var endIndex: Int { entries.count }
    public subscript(position: Int) -> (key: Value, value: Value) { (entries[position].key, entries[position].value) }

    /// The keys in order (a view, no copy).
    public var keys: Column<Value> { Column(entries: entries, present: true, project: \.key) }
    /// The values in order (a view, no copy).
    public var values: Column<Value> { Column(entries: entries, present: true, project: \.value) }
    /// Where each value starts in its file; empty for maps built at run time.
    public var marks: Column<SourceMark> { Column(entries: entries, present: hasMarks, project: \.valueMark) }
    /// Where each key starts in its file; empty for maps built at run time.
    public var keyMarks: Column<SourceMark> { Column(entries: entries, present: hasMarks, project: \.keyMark) }

    /// One field of every entry, as a random-access collection.
    public struct Column<Element>: RandomAccessCollection {
        let entries: [Entry]
        let present: Bool
        let project: KeyPath<Entry, Element>
        public var startIndex: Int { 0 }
        public var endIndex: Int { present ? entries.count : 0 }
        public subscript(position: Int) -> Element { entries[position][keyPath: project] }
    }

    public func key(at position: Int) -> Value { entries[position].key }
    public func value(at position: Int) -> Value { entries[position].value }

    /// The position of `key` (exact `Value` equality), if present.
    public func position(of key: Value) -> Int? {
        if let index { return index[key] }
        for i in 0..<entries.count where entries[i].key == key { return i }
        return nil
    }

    /// The position of a string key without building a `Value` for it when the map is small.
    public func position(ofString key: String) -> Int? {
        if let index { return index[.string(key)] }
        for i in 0..<entries.count {
            if case .string(let k) = entries[i].key, k == key { return i }
        }
        return nil
    }

    public subscript(key: Value) -> Value? {
        position(of: key).map { entries[$0].value }
    }

    public subscript(key: String) -> Value? {
        position(ofString: key).map { entries[$0].value }
    }

    /// Where the value of entry `position` starts in its file, or `.none`.
    public func mark(at position: Int) -> SourceMark {
        position < entries.count ? entries[position].valueMark : .none
    }

    /// Maps compare as sets of entries: order does not matter, as in YAML, JSON and CEL.
    public static func == (lhs: ValueMap, rhs: ValueMap) -> Bool {
        if lhs === rhs { return true }
        guard lhs.count == rhs.count else { return false }
        for entry in lhs.entries {
            guard let other = rhs[entry.key], other == entry.value else { return false }
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        // Order-independent: combine per-entry hashes commutatively.
        var acc = 0
        for entry in entries {
            var h = Hasher()
            h.combine(entry.key)
            h.combine(entry.value)
            acc ^= h.finalize()
        }
        hasher.combine(count)
        hasher.combine(acc)
    }
}
