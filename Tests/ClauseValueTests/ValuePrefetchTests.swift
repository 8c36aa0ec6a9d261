@testable import ClauseValue
import Testing

/// The prefetch hint reads a map's storage reference straight from the value's memory (a retain
/// would stall on the very load the hint is for). If Swift laid `Value` out differently, the
/// hint would silently prefetch the wrong memory and large snapshots would be slow again.
@Suite struct ValuePrefetchTests {
    @Test func theHintReadsTheMapsOwnStorage() {
        let maps: [Value] = [
            .map(ValueMap([(.string("id"), .string("svc-1"))])),
            .map(ValueMap([(.string("status"), .string("live")), (.string("owner"), .string("ops@example.com"))])),
        ]
        maps.withUnsafeBufferPointer { buffer in
            for i in 0..<buffer.count {
                guard case .map(let map) = buffer[i] else { Issue.record("not a map"); continue }
                let expected = UnsafeRawPointer(Unmanaged.passUnretained(map.storage).toOpaque())
                #expect(Value.mapObject(buffer.baseAddress! + i) == expected)
            }
        }
    }

    @Test(arguments: [Value.null, .int(7), .string("a string of more than fifteen bytes"), .list([.int(1)])])
    func otherValuesHaveNoMapToHint(value: Value) {
        withUnsafePointer(to: value) { #expect(Value.mapObject($0) == nil) }
    }

    @Test func aListHintsTheMapItsDistanceAheadAndNothingElse() throws {
        let map = ValueMap([(.string("k"), .int(1))])
        let list = ValueList([.map(map), .int(2)])
        let expected = UnsafeRawPointer(Unmanaged.passUnretained(map.storage).toOpaque())
        #expect(list.prefetch(after: -ValueList.prefetchDistance) == expected)
        // A non-map element, past the end, before the start, and an index that would overflow.
        for index in [1 - ValueList.prefetchDistance, 0, 1, -10, Int.max - 2] {
            #expect(list.prefetch(after: index) == nil, "index \(index)")
        }
    }
}
