import ClauseDiagnostics
import ClauseValue

/// The elements of the containers a parser has open, shared by all nesting levels.
///
/// A finished container takes its elements off the top by moving them, not copying: no
/// reference count is touched per element, and the container's storage is allocated once, at
/// its final size.
struct ValueStack {
    private(set) var values: [Value] = []
    private(set) var marks: [SourceMark] = []

    var count: Int { values.count }

    mutating func push(_ value: Value, _ mark: SourceMark) {
        values.append(value)
        marks.append(mark)
    }

    subscript(index: Int) -> Value {
        get { values[index] }
        set { values[index] = newValue }
    }

    func mark(at index: Int) -> SourceMark { marks[index] }

    mutating func setMark(_ mark: SourceMark, at index: Int) { marks[index] = mark }

    /// Moves the elements from `start` on into a list.
    mutating func popList(from start: Int) -> ValueList {
        let n = values.count - start
        let elements = take(from: start, empty: []) { source in
            [Value](unsafeUninitializedCapacity: n) { buffer, count in
                if let target = buffer.baseAddress { target.moveInitialize(from: source, count: n) }
                count = n
            }
        }
        let list = ValueList(elements, marks: Array(marks[start...]))
        marks.removeSubrange(start...)
        return list
    }

    /// Moves the elements of two stacks (from their starts on) into one list, `first`'s before
    /// `second`'s: how the halves of an array parsed on two cores become one list.
    static func popList(joining first: inout ValueStack, from firstStart: Int, _ second: inout ValueStack, from secondStart: Int) -> ValueList {
        let n1 = first.values.count - firstStart
        let n2 = second.values.count - secondStart
        var elements = [Value](unsafeUninitializedCapacity: n1 + n2) { buffer, count in
            guard let target = buffer.baseAddress else { count = 0; return }
            first.take(from: firstStart, empty: ()) { target.moveInitialize(from: $0, count: n1) }
            second.take(from: secondStart, empty: ()) { (target + n1).moveInitialize(from: $0, count: n2) }
            count = n1 + n2
        }
        if elements.count != n1 + n2 { elements = [] }
        let marks = Array(first.marks[firstStart...]) + Array(second.marks[secondStart...])
        first.marks.removeSubrange(firstStart...)
        second.marks.removeSubrange(secondStart...)
        return ValueList(elements, marks: marks)
    }

    /// Moves the key, value, key, value ... elements from `start` on into map entries.
    mutating func popEntries(from start: Int) -> [ValueMap.Entry] {
        let pairs = (values.count - start) / 2
        let marks = self.marks
        let entries = take(from: start, empty: []) { source in
            [ValueMap.Entry](unsafeUninitializedCapacity: pairs) { buffer, count in
                guard let target = buffer.baseAddress else { count = 0; return }
                for i in 0..<pairs {
                    let key = (source + 2 * i).move()
                    let value = (source + 2 * i + 1).move()
                    (target + i).initialize(to: ValueMap.Entry(
                        key: key, value: value, keyMark: marks[start + 2 * i], valueMark: marks[start + 2 * i + 1]))
                }
                count = pairs
            }
        }
        self.marks.removeSubrange(start...)
        return entries
    }

    /// Lets `body` move out every element from `start` on, then drops those slots. The moved-from
    /// slots are refilled with `.null`, which holds no reference, so dropping them releases nothing.
    fileprivate mutating func take<R>(from start: Int, empty: R, _ body: (UnsafeMutablePointer<Value>) -> R) -> R {
        let n = values.count - start
        guard n > 0 else { return empty }
        let result = values.withUnsafeMutableBufferPointer { buffer -> R in
            guard let base = buffer.baseAddress else { return empty }
            let result = body(base + start)
            (base + start).initialize(repeating: .null, count: n)
            return result
        }
        values.removeSubrange(start...)
        return result
    }
}
