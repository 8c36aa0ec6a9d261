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

    @Test func aListHintsOnlyWithinItsBounds() {
        let list = ValueList([.map(ValueMap([(.string("k"), .int(1))])), .int(2)])
        // Past the end, before the start and on a non-map element the hint does nothing.
        for index in [-10, -1, 0, 1, 2, Int.max - 2] { list.prefetch(after: index) }
        #expect(list.count == 2)
    }
}
