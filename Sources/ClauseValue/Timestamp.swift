/// An instant in time, as seconds and nanoseconds since the Unix epoch (UTC).
///
/// Time zones are not part of the value: CEL's accessors take the zone as an argument.
/// The valid range is that of CEL, 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z.
public struct Timestamp: Hashable, Comparable, Sendable {
    /// Whole seconds since 1970-01-01T00:00:00Z, negative before the epoch.
    public var seconds: Int64
    /// The fraction of a second in nanoseconds, 0 to 999,999,999, always counted forwards.
    public var nanos: Int32

    /// Makes an instant without checking CEL's range; see `isValid`.
    public init(seconds: Int64, nanos: Int32 = 0) {
        self.seconds = seconds
        self.nanos = nanos
    }

    /// The first second of CEL's range, 0001-01-01T00:00:00Z.
    public static let minSeconds: Int64 = -62_135_596_800
    /// The last whole second of CEL's range, 9999-12-31T23:59:59Z.
    public static let maxSeconds: Int64 = 253_402_300_799

    /// Whether the instant lies within CEL's range, so arithmetic that leaves it can be an error.
    public var isValid: Bool { seconds >= Self.minSeconds && seconds <= Self.maxSeconds }

    /// Orders instants in time: by seconds, then by the fraction.
    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        (lhs.seconds, lhs.nanos) < (rhs.seconds, rhs.nanos)
    }
}

/// A signed span of time (CEL's `google.protobuf.Duration`), in seconds and nanoseconds.
///
/// Named `Interval` to stay clear of the standard library's `Duration`. Both fields carry the
/// same sign, as in protobuf.
public struct Interval: Hashable, Comparable, Sendable {
    /// Whole seconds of the span, with the same sign as `nanos`.
    public var seconds: Int64
    /// The fraction of a second in nanoseconds, with the same sign as `seconds`.
    public var nanos: Int32

    /// Makes a span without checking CEL's limit; the two fields are expected to share a sign.
    public init(seconds: Int64, nanos: Int32 = 0) {
        self.seconds = seconds
        self.nanos = nanos
    }

    /// CEL's limit: about ±10,000 years.
    public static let maxSeconds: Int64 = 315_576_000_000

    /// Whether the span lies within CEL's limit of `maxSeconds` either way.
    public var isValid: Bool { seconds >= -Self.maxSeconds && seconds <= Self.maxSeconds }

    /// The span as a single count of nanoseconds, when it fits.
    public var totalNanoseconds: Int64? {
        let (s, o1) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if o1 { return nil }
        let (t, o2) = s.addingReportingOverflow(Int64(nanos))
        return o2 ? nil : t
    }

    /// Orders spans by signed length: by seconds, then by the fraction.
    public static func < (lhs: Interval, rhs: Interval) -> Bool {
        (lhs.seconds, lhs.nanos) < (rhs.seconds, rhs.nanos)
    }
}
