import ClauseValue
import Testing

/// `Timestamp.rfc3339`: UTC with `Z`, fraction digits in groups of three as needed, the whole
/// range CEL allows; and it reads back as the same instant.
@Suite struct TimestampTextTests {
    @Test(arguments: [
        (Int64(0), Int32(0), "1970-01-01T00:00:00Z"),
        (1_777_885_800, 0, "2026-05-04T09:10:00Z"),
        (1_777_885_800, 500_000_000, "2026-05-04T09:10:00.500Z"),
        (1_777_885_800, 123_000, "2026-05-04T09:10:00.000123Z"),
        (1_777_885_800, 1, "2026-05-04T09:10:00.000000001Z"),
        (-1, 100_000_000, "1969-12-31T23:59:59.100Z"),
        (Timestamp.minSeconds, 0, "0001-01-01T00:00:00Z"),
        (Timestamp.maxSeconds, 999_999_999, "9999-12-31T23:59:59.999999999Z"),
    ])
    func writes(_ c: (Int64, Int32, String)) {
        let t = Timestamp(seconds: c.0, nanos: c.1)
        #expect(t.rfc3339 == c.2)
        #expect(Timestamp(rfc3339: c.2) == t)
    }
}
