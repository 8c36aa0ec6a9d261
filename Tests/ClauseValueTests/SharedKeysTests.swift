import ClauseDiagnostics
import ClauseValue
import Testing

/// A map whose keys are shared (the records an import builds) answers every question as a map
/// built from the same entries does.
@Suite struct SharedKeysTests {
    @Test(arguments: [0, 1, 7, 12, 13, 40])
    func sameAsAMapOfEntries(_ count: Int) {
        let keys: [Value] = (0..<count).map { $0 % 5 == 4 ? .int(Int64($0)) : .string("field\($0)") }
        func value(_ i: Int) -> Value {
            switch i % 3 {
            case 0: return .string("text with more than fifteen bytes \(i)")
            case 1: return .int(Int64(i))
            default: return .list(ValueList([.bool(true)]))
            }
        }
        let values = (0..<count).map(value)
        let marks = (0..<count).map { SourceMark(line: 10 + $0, column: 3 + $0) }
        let shared = ValueMap(keys: ValueMap.SharedKeys(keys), values: values, marks: marks)
        let plain = ValueMap(entries: (0..<count).map { ValueMap.Entry(key: keys[$0], value: values[$0], keyMark: marks[$0], valueMark: marks[$0]) },
                             hasMarks: count > 0)
        #expect(shared.count == count)
        #expect(shared == plain)
        #expect(shared.hashValue == plain.hashValue)
        for i in 0..<count {
            #expect(shared.key(at: i) == keys[i])
            #expect(shared.value(at: i) == values[i])
            #expect(shared.mark(at: i) == marks[i])
            #expect(shared.entry(at: i) == plain.entry(at: i))
            #expect(shared.keyMarks[i] == marks[i])
            #expect(shared.position(of: keys[i]) == i)
            if case .string(let k) = keys[i] {
                #expect(shared.position(ofString: k) == i)
                #expect(shared[k] == values[i])
            }
        }
        #expect(shared.position(ofString: "absent") == nil)
        #expect(shared.position(of: .string("field1x")) == nil)
        #expect(shared.mark(at: count) == .none)
        #expect(Array(shared.values) == values)
    }

    @Test func withoutMarks() {
        let shared = ValueMap(keys: ValueMap.SharedKeys([.string("a"), .string("b")]), values: [.int(1), .null], marks: [])
        #expect(!shared.hasMarks)
        #expect(shared.marks.isEmpty)
        #expect(shared["b"] == .null)
        #expect(shared == ValueMap(keys: [.string("b"), .string("a")], values: [.null, .int(1)]))
    }
}
