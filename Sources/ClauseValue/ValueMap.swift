import ClauseDiagnostics

/// An immutable map that keeps insertion order and the source marks of each entry.
///
/// The entries live inside the map's one heap object (a `ManagedBuffer` with the entries as
/// tail elements): a snapshot holds hundreds of thousands of small maps, and reading a field is
/// then one memory access away from the map's reference, not two. Small maps are searched
/// linearly, which beats hashing; a hash index is built only for maps large enough to pay.
public struct ValueMap: @unchecked Sendable, Hashable, RandomAccessCollection {
    /// One entry: the key, its value, and where each starts in the file (`.none` when built at
    /// run time).
    public struct Entry: Sendable, Hashable {
        // Field order packs the marks into the padding after each 17-byte `Value`: 56 bytes an
        // entry instead of 64.
        /// The key: any value, though a document's keys are almost always strings.
        public var key: Value
        private var keyLine: UInt32
        /// The value stored under `key`.
        public var value: Value
        private var keyColumn: UInt32
        private var valueLine: UInt32
        private var valueColumn: UInt32

        /// Builds an entry; the marks stay `.none` for entries made at run time.
        public init(key: Value, value: Value, keyMark: SourceMark = .none, valueMark: SourceMark = .none) {
            self.key = key
            self.keyLine = keyMark.line
            self.value = value
            self.keyColumn = keyMark.column
            self.valueLine = valueMark.line
            self.valueColumn = valueMark.column
        }

        /// Where the key starts in its file, or `.none`; kept as two 32-bit fields to keep entries small.
        public var keyMark: SourceMark {
            get { SourceMark(line: Int(keyLine), column: Int(keyColumn)) }
            set { keyLine = newValue.line; keyColumn = newValue.column }
        }

        /// Where the value starts in its file, or `.none`; findings about the value point here.
        public var valueMark: SourceMark {
            get { SourceMark(line: Int(valueLine), column: Int(valueColumn)) }
            set { valueLine = newValue.line; valueColumn = newValue.column }
        }
    }

    /// The keys of many maps that have the same keys in the same order (the records one import
    /// builds): held once, so each such map stores only its values and one mark per entry.
    public final class SharedKeys: @unchecked Sendable {
        @usableFromInline let keys: [Value]
        @usableFromInline let index: [Value: Int]?

        /// Keys that must be unique.
        public init(_ keys: [Value]) {
            self.keys = keys
            index = keys.count > ValueMap.indexThreshold ? Dictionary(keys.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a }) : nil
        }

        /// How many keys (and so values) each map with these keys has.
        public var count: Int { keys.count }
    }

    /// One entry of a map with shared keys: the value and where it starts, which is also where
    /// the entry is said to start (32 bytes, against 56 for an `Entry`).
    @usableFromInline
    struct Slot {
        @usableFromInline var value: Value
        @usableFromInline var line: UInt32
        @usableFromInline var column: UInt32
    }

    @usableFromInline
    struct Header {
        @usableFromInline var index: [Value: Int]?
        /// Set for a map whose tail holds `Slot`s rather than `Entry`s.
        @usableFromInline var shared: SharedKeys?
        @usableFromInline var count: Int32
        @usableFromInline var hasMarks: Bool
    }

    /// The heap object: header, then `count` entries (or slots, with shared keys) as raw tail
    /// memory bound to that type. Immutable after construction.
    @usableFromInline
    final class Storage: ManagedBuffer<Header, UInt8> {
        deinit {
            withUnsafeMutablePointers { header, tail in
                let n = Int(header.pointee.count)
                if header.pointee.shared != nil {
                    UnsafeMutableRawPointer(tail).assumingMemoryBound(to: Slot.self).deinitialize(count: n)
                } else {
                    UnsafeMutableRawPointer(tail).assumingMemoryBound(to: Entry.self).deinitialize(count: n)
                }
            }
        }
    }

    // Immutable after construction, so sharing it across threads is safe; ManagedBuffer itself
    // is not declared Sendable, hence the unchecked conformance.
    @usableFromInline let storage: Storage

    /// The storage seen through a `ManagedBufferPointer`, which finds the header and the tail
    /// by offset: `ManagedBuffer`'s own accessors take the address of its stored `header`, a
    /// class property, and so check for exclusive access at run time on every field read.
    @inlinable @inline(__always)
    var pointers: ManagedBufferPointer<Header, UInt8> { ManagedBufferPointer(unsafeBufferObject: storage) }

    static let indexThreshold = 12

    /// Builds a map from entries whose keys are already unique.
    public init(entries: [Entry], hasMarks: Bool) {
        self.init(entries: entries, hasMarks: hasMarks, indexed: entries.count > Self.indexThreshold)
    }

    /// The same, saying whether to build the hash index: a map read for a few keys and then
    /// dropped (an export row being mapped) is cheaper searched than indexed.
    public init(entries: [Entry], hasMarks: Bool, indexed: Bool) {
        var index: [Value: Int]?
        if indexed {
            var built = [Value: Int](minimumCapacity: entries.count)
            for (i, entry) in entries.enumerated() where built[entry.key] == nil { built[entry.key] = i }
            index = built
        }
        let buffer = Storage.create(minimumCapacity: entries.count * MemoryLayout<Entry>.stride) { _ in
            Header(index: index, shared: nil, count: 0, hasMarks: hasMarks)
        }
        let storage = unsafeDowncast(buffer, to: Storage.self)
        storage.withUnsafeMutablePointers { header, tail in
            let elements = UnsafeMutableRawPointer(tail).bindMemory(to: Entry.self, capacity: entries.count)
            entries.withUnsafeBufferPointer { source in
                if let base = source.baseAddress { elements.initialize(from: base, count: source.count) }
            }
            header.pointee.count = Int32(entries.count)
        }
        self.storage = storage
    }

    /// A map with `keys`' keys, in their order, and these values (one each) and marks (one
    /// each, or none): the key of an entry is said to start where its value does.
    public init(keys: SharedKeys, values: [Value], marks: [SourceMark]) {
        precondition(values.count == keys.count && (marks.isEmpty || marks.count == values.count), "one value (and mark) per shared key")
        let buffer = Storage.create(minimumCapacity: values.count * MemoryLayout<Slot>.stride) { _ in
            Header(index: nil, shared: keys, count: 0, hasMarks: !marks.isEmpty)
        }
        let storage = unsafeDowncast(buffer, to: Storage.self)
        storage.withUnsafeMutablePointers { header, tail in
            let slots = UnsafeMutableRawPointer(tail).bindMemory(to: Slot.self, capacity: values.count)
            for i in 0..<values.count {
                let mark = marks.isEmpty ? SourceMark.none : marks[i]
                (slots + i).initialize(to: Slot(value: values[i], line: mark.line, column: mark.column))
            }
            header.pointee.count = Int32(values.count)
        }
        self.storage = storage
    }

    /// Builds a map from parallel arrays of unique keys and values (marks optional).
    public init(keys: [Value], values: [Value], marks: [SourceMark] = [], keyMarks: [SourceMark] = []) {
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
    public init(_ pairs: [(Value, Value)]) {
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

    /// The identity of this map's storage: the same map reached twice (a YAML alias, or an
    /// element handed through `filter`) has the same identity.
    public var identity: ObjectIdentifier { ObjectIdentifier(storage) }

    /// Whether two maps share one storage object: a cheap test that skips comparing entries.
    public static func === (lhs: ValueMap, rhs: ValueMap) -> Bool { lhs.storage === rhs.storage }

    /// The number of entries, read from the storage header.
    @inlinable
    public var count: Int { Int(pointers.header.count) }
    /// Whether the entries carry marks from a file.
    public var hasMarks: Bool { pointers.header.hasMarks }
    /// Always 0: positions are offsets into the entries, in insertion order.
    @inlinable
    public var startIndex: Int { 0 }
    /// The entry count, as the collection's past-the-end position.
    @inlinable
    public var endIndex: Int { count }

    /// The key and value at `position`, for iterating the map as a collection of pairs.
    @inlinable
    public subscript(position: Int) -> (key: Value, value: Value) {
        let entry = self.entry(at: position)
        return (entry.key, entry.value)
    }

    /// The whole entry at `position`, marks included; traps when out of range.
    @inlinable @inline(__always)
    public func entry(at position: Int) -> Entry {
        precondition(position >= 0 && position < count, "ValueMap index out of range")
        return pointers.withUnsafeMutablePointers { header, tail in
            if let shared = header.pointee.shared {
                let slot = UnsafeMutableRawPointer(tail).assumingMemoryBound(to: Slot.self)[position]
                let mark = SourceMark(line: Int(slot.line), column: Int(slot.column))
                return Entry(key: shared.keys[position], value: slot.value, keyMark: mark, valueMark: mark)
            }
            return UnsafeMutableRawPointer(tail).assumingMemoryBound(to: Entry.self)[position]
        }
    }

    /// The key at `position`, read without copying the entry; traps when out of range.
    @inlinable
    public func key(at position: Int) -> Value {
        precondition(position >= 0 && position < count, "ValueMap index out of range")
        // Straight from the storage: copying the whole entry would retain and release both sides.
        return pointers.withUnsafeMutablePointers { header, tail in
            if let shared = header.pointee.shared { return shared.keys[position] }
            return UnsafeMutableRawPointer(tail).assumingMemoryBound(to: Entry.self)[position].key
        }
    }
    /// The value at `position`, read without copying the entry; traps when out of range.
    @inlinable
    public func value(at position: Int) -> Value {
        precondition(position >= 0 && position < count, "ValueMap index out of range")
        return pointers.withUnsafeMutablePointers { header, tail in
            if header.pointee.shared != nil { return UnsafeMutableRawPointer(tail).assumingMemoryBound(to: Slot.self)[position].value }
            return UnsafeMutableRawPointer(tail).assumingMemoryBound(to: Entry.self)[position].value
        }
    }

    /// The entries in order (a view, no copy).
    public var entries: Column<Entry> { Column(map: self, present: true, project: \.self) }
    /// The keys in order (a view, no copy).
    public var keys: Column<Value> { Column(map: self, present: true, project: \.key) }
    /// The values in order (a view, no copy).
    public var values: Column<Value> { Column(map: self, present: true, project: \.value) }
    /// Where each value starts in its file; empty for maps built at run time.
    public var marks: Column<SourceMark> { Column(map: self, present: hasMarks, project: \.valueMark) }
    /// Where each key starts in its file; empty for maps built at run time.
    public var keyMarks: Column<SourceMark> { Column(map: self, present: hasMarks, project: \.keyMark) }

    /// One field of every entry, as a random-access collection.
    public struct Column<Element>: RandomAccessCollection {
        let map: ValueMap
        let present: Bool
        let project: KeyPath<Entry, Element>
        /// Always 0: positions are those of the map's entries.
        public var startIndex: Int { 0 }
        /// The map's count, or 0 for a column the map lacks (the marks of a map built at run time).
        public var endIndex: Int { present ? map.count : 0 }
        /// The chosen field of the entry at `position`.
        public subscript(position: Int) -> Element { map.entry(at: position)[keyPath: project] }
    }

    /// The position of `key` (exact `Value` equality), if present.
    @inlinable
    public func position(of key: Value) -> Int? {
        pointers.withUnsafeMutablePointers { header, tail in
            if let shared = header.pointee.shared {
                if let index = shared.index { return index[key] }
                return shared.keys.firstIndex(of: key)
            }
            if let index = header.pointee.index { return index[key] }
            let entries = UnsafeMutableRawPointer(tail).assumingMemoryBound(to: Entry.self)
            for i in 0..<Int(header.pointee.count) where entries[i].key == key { return i }
            return nil
        }
    }

    /// The position of a string key without building a `Value` for it when the map is small.
    @inlinable
    public func position(ofString key: String) -> Int? {
        pointers.withUnsafeMutablePointers { header, tail in
            // Lengths first: String's == on two different short strings calls into the runtime,
            // and a map's other keys mostly differ in length from the one sought.
            let length = key.utf8.count
            if let shared = header.pointee.shared {
                if let index = shared.index { return index[.string(key)] }
                return shared.keys.withUnsafeBufferPointer { keys in
                    for i in 0..<keys.count {
                        if case .string(let k) = keys[i], k.utf8.count == length, k == key { return i }
                    }
                    return nil
                }
            }
            if let index = header.pointee.index { return index[.string(key)] }
            let entries = UnsafeMutableRawPointer(tail).assumingMemoryBound(to: Entry.self)
            for i in 0..<Int(header.pointee.count) {
                if case .string(let k) = entries[i].key, k.utf8.count == length, k == key { return i }
            }
            return nil
        }
    }

    /// The value under `key` by exact `Value` equality, or nil when the map has no such key.
    @inlinable
    public subscript(key: Value) -> Value? {
        position(of: key).map(value(at:))
    }

    /// The value under a string key, found in a small map without building a `Value`; nil when absent.
    @inlinable
    public subscript(key: String) -> Value? {
        position(ofString: key).map(value(at:))
    }

    /// Where the value of entry `position` starts in its file, or `.none`.
    @inlinable
    public func mark(at position: Int) -> SourceMark {
        guard position >= 0 && position < count else { return .none }
        return pointers.withUnsafeMutablePointers { header, tail in
            if header.pointee.shared != nil {
                let slot = UnsafeMutableRawPointer(tail).assumingMemoryBound(to: Slot.self)[position]
                return SourceMark(line: Int(slot.line), column: Int(slot.column))
            }
            return UnsafeMutableRawPointer(tail).assumingMemoryBound(to: Entry.self)[position].valueMark
        }
    }

    /// Maps compare as sets of entries: order does not matter, as in YAML, JSON and CEL.
    public static func == (lhs: ValueMap, rhs: ValueMap) -> Bool {
        if lhs === rhs { return true }
        guard lhs.count == rhs.count else { return false }
        for i in 0..<lhs.count {
            let entry = lhs.entry(at: i)
            guard let other = rhs[entry.key], other == entry.value else { return false }
        }
        return true
    }

    /// Hashes the entries regardless of their order, agreeing with `==`.
    public func hash(into hasher: inout Hasher) {
        // Order-independent: combine per-entry hashes commutatively.
        var acc = 0
        for i in 0..<count {
            let entry = self.entry(at: i)
            var h = Hasher()
            h.combine(entry.key)
            h.combine(entry.value)
            acc ^= h.finalize()
        }
        hasher.combine(count)
        hasher.combine(acc)
    }
}
