import ClauseDiagnostics

/// An immutable list of values with the source mark of each element.
///
/// `marks` is empty for lists built at run time; otherwise it has one mark per element.
public final class ValueList: Sendable, Hashable, RandomAccessCollection {
    /// The values, in document order.
    public let elements: [Value]
    /// Where each element starts in its file, one per element, or empty when built at run time.
    public let marks: [SourceMark]

    /// Builds a list; `marks` is kept only when it has exactly one mark per element.
    public init(_ elements: [Value], marks: [SourceMark] = []) {
        self.elements = elements
        self.marks = marks.count == elements.count ? marks : []
    }

    /// Always 0: positions are offsets into `elements`.
    public var startIndex: Int { 0 }
    /// The element count, as the collection's past-the-end position.
    public var endIndex: Int { elements.count }
    /// The element at `position`, so a list reads as an ordinary collection of values.
    public subscript(position: Int) -> Value { elements[position] }

    /// Where element `index` starts in its file, or `.none` when it was built at run time.
    public func mark(at index: Int) -> SourceMark {
        index < marks.count ? marks[index] : .none
    }

    /// How many elements ahead `prefetch(after:)` asks for memory: enough for the work on the
    /// elements between to cover a load from main memory.
    public static let prefetchDistance = 4

    /// Starts loading the map `prefetchDistance` elements after `index`, for a loop over a
    /// large list: each map is then in cache when the loop reaches it, and the retain that
    /// comes first does not stall on main memory.
    ///
    /// Returns the address of the map it asked for, nil when there is none there.
    @inlinable @inline(__always) @discardableResult
    public func prefetch(after index: Int) -> UnsafeRawPointer? {
        let ahead = index &+ Self.prefetchDistance
        guard ahead >= 0 && ahead < elements.count else { return nil }
        return elements.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { Value.prefetch($0 + ahead) }
        }
    }

    /// Lists are equal when their elements are, in order; marks are ignored.
    public static func == (lhs: ValueList, rhs: ValueList) -> Bool {
        lhs === rhs || lhs.elements == rhs.elements
    }

    /// Hashes the elements alone, agreeing with `==`, which ignores marks.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(elements)
    }
}
