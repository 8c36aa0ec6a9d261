import ClauseValue
import Foundation
import Synchronization

/// Timestamps and durations: RFC 3339 and Go-style duration text, arithmetic and accessors.
///
/// Civil dates are computed here (proleptic Gregorian, years 1 to 9999); Foundation is used only
/// for the UTC offset of IANA time zones.
enum Time {
    static let nanosPerSecond: Int64 = 1_000_000_000

    static func normalize(_ seconds: Int64, _ nanos: Int64) -> (Int64, Int32)? {
        var s = seconds
        var n = nanos
        let (q, r) = n.quotientAndRemainder(dividingBy: nanosPerSecond)
        let (s2, o) = s.addingReportingOverflow(q)
        if o { return nil }
        s = s2
        n = r
        return (s, Int32(n))
    }

    static func makeTimestamp(_ seconds: Int64, _ nanos: Int64) -> RValue {
        guard let (s, n) = normalize(seconds, nanos) else { return .err("timestamp out of range") }
        var ss = s, nn = Int64(n)
        if nn < 0 { ss -= 1; nn += nanosPerSecond }
        let t = Timestamp(seconds: ss, nanos: Int32(nn))
        return t.isValid ? .value(.timestamp(t)) : .err("timestamp out of range")
    }

    static func makeDuration(_ seconds: Int64, _ nanos: Int64) -> RValue {
        guard let (s0, n0) = normalize(seconds, nanos) else { return .err("duration out of range") }
        var s = s0, n = Int64(n0)
        // Protobuf keeps both fields of the same sign.
        if s > 0 && n < 0 { s -= 1; n += nanosPerSecond } else if s < 0 && n > 0 { s += 1; n -= nanosPerSecond }
        let d = Interval(seconds: s, nanos: Int32(n))
        // cel-go durations are Go durations: int64 nanoseconds, about ±292 years.
        return d.totalNanoseconds != nil ? .value(.duration(d)) : .err("duration out of range")
    }

    static func negate(_ d: Interval) -> Interval { Interval(seconds: -d.seconds, nanos: -d.nanos) }

    static func duration(_ a: Interval, plus b: Interval) -> RValue {
        let (s, o) = a.seconds.addingReportingOverflow(b.seconds)
        if o { return .err(Fault.overflow) }
        return makeDuration(s, Int64(a.nanos) + Int64(b.nanos))
    }

    static func add(_ t: Timestamp, _ d: Interval) -> RValue {
        let (s, o) = t.seconds.addingReportingOverflow(d.seconds)
        if o { return .err(Fault.overflow) }
        return makeTimestamp(s, Int64(t.nanos) + Int64(d.nanos))
    }

    static func difference(_ a: Timestamp, _ b: Timestamp) -> RValue {
        let (s, o) = a.seconds.subtractingReportingOverflow(b.seconds)
        if o { return .err(Fault.overflow) }
        return makeDuration(s, Int64(a.nanos) - Int64(b.nanos))
    }

    // MARK: Civil calendar

    /// Days since 1970-01-01 of a proleptic Gregorian date (the value model's calendar).
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        Timestamp.days(year: year, month: Int(month), day: Int(day))
    }

    static func civil(days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let (y, m, d) = Timestamp.civil(fromDays: days)
        return (y, Int64(m), Int64(d))
    }


    // MARK: Text

    /// `date(s)`'s fast path: a valid 10-byte `YYYY-MM-DD` read in place as midnight UTC, or nil
    /// (anything else, including an invalid date, goes through `parseTimestamp` for its message).
    @inline(__always)
    static func parseDate(_ text: String) -> RValue? {
        let u = text.utf8
        guard u.count == 10 else { return nil }
        let days: Int64? = u.withContiguousStorageIfAvailable { b -> Int64? in
            @inline(__always) func digit(_ i: Int) -> Int64? {
                let c = b[i] &- 0x30
                return c < 10 ? Int64(c) : nil
            }
            guard b[4] == 0x2D, b[7] == 0x2D,
                  let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3),
                  let m0 = digit(5), let m1 = digit(6), let d0 = digit(8), let d1 = digit(9) else { return nil }
            let y = y0 * 1000 + y1 * 100 + y2 * 10 + y3, mo = m0 * 10 + m1, d = d0 * 10 + d1
            guard y >= 1, mo >= 1, mo <= 12, d >= 1, d <= daysIn(month: mo, year: y) else { return nil }
            return Time.days(year: y, month: mo, day: d)
        } ?? nil
        guard let days else { return nil }
        return .value(.timestamp(Timestamp(seconds: days * 86400)))
    }

    /// Parses RFC 3339 (`2009-02-13T23:31:30Z`, fractional seconds, `±hh:mm` offsets) with the
    /// value model's parser, in place; the error text is built only on failure.
    static func parseTimestamp(_ text: String) -> RValue {
        var copy = text
        guard let t = copy.withUTF8({ Timestamp.parseRFC3339Fields($0) }) else { return .err("invalid timestamp '\(text)'") }
        return makeTimestamp(t.seconds, Int64(t.nanos))
    }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        Int64(Timestamp.daysIn(month: Int(month), year: year))
    }

    static func fraction(_ nanos: Int64) -> String {
        if nanos == 0 { return "" }
        var digits = String(nanos)
        digits = String(repeating: "0", count: 9 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "." + digits
    }

    static func pad(_ v: Int64, _ n: Int) -> String {
        let s = String(v)
        return s.count >= n ? s : String(repeating: "0", count: n - s.count) + s
    }

    /// RFC 3339 in UTC with as many fractional digits as needed.
    static func format(_ t: Timestamp) -> String {
        let days = floorDiv(t.seconds, 86400)
        let rem = t.seconds - days * 86400
        let (y, m, d) = civil(days: days)
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(rem / 3600, 2)):\(pad(rem / 60 % 60, 2)):\(pad(rem % 60, 2))\(fraction(Int64(t.nanos)))Z"
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// Protobuf's JSON form: seconds with up to nine fractional digits, suffix `s`.
    static func format(_ d: Interval) -> String {
        let neg = d.seconds < 0 || d.nanos < 0
        let s = d.seconds.magnitude
        let n = Int64(d.nanos.magnitude)
        return (neg ? "-" : "") + String(s) + fraction(n) + "s"
    }

    /// Go-style duration text: `1h30m`, `1.5s`, `-200ms`, units h m s ms us µs ns.
    static func parseDuration(_ text: String) -> RValue {
        let bad = RValue.err("invalid duration '\(text)'")
        var scalars = Array(text.unicodeScalars)
        var neg = false
        if let f = scalars.first, f == "-" || f == "+" { neg = f == "-"; scalars.removeFirst() }
        guard !scalars.isEmpty else { return bad }
        if scalars == ["0"] { return .value(.duration(Interval(seconds: 0))) }
        var total: Double = 0
        var totalNanos: Int64 = 0
        var i = 0
        var exact = true
        while i < scalars.count {
            var intPart: Int64 = 0
            var fracPart: Double = 0
            var fracScale: Double = 1
            var sawDigit = false
            var fracDigits: [Int64] = []
            while i < scalars.count, let d = scalars[i].properties.numericType != nil ? Int64(String(scalars[i])) : nil {
                let (m, o1) = intPart.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(d)
                if o1 || o2 { return .err("duration out of range") }
                intPart = a
                sawDigit = true
                i += 1
            }
            if i < scalars.count, scalars[i] == "." {
                i += 1
                while i < scalars.count, let d = Int64(String(scalars[i])) {
                    fracScale /= 10
                    fracPart += Double(d) * fracScale
                    fracDigits.append(d)
                    sawDigit = true
                    i += 1
                }
            }
            guard sawDigit else { return bad }
            var unit = ""
            while i < scalars.count, !(scalars[i] == "." || ("0"..."9").contains(scalars[i])) {
                unit.unicodeScalars.append(scalars[i])
                i += 1
            }
            let nanosPerUnit: Int64
            switch unit {
            case "h": nanosPerUnit = 3_600_000_000_000
            case "m": nanosPerUnit = 60_000_000_000
            case "s": nanosPerUnit = 1_000_000_000
            case "ms": nanosPerUnit = 1_000_000
            case "us", "µs", "μs": nanosPerUnit = 1_000
            case "ns": nanosPerUnit = 1
            default: return bad
            }
            let (whole, o) = intPart.multipliedReportingOverflow(by: nanosPerUnit)
            if o { exact = false }
            var frac: Int64 = 0
            var scale = nanosPerUnit
            for d in fracDigits {
                scale /= 10
                if scale == 0 { break }
                frac += d * scale
            }
            let (t1, o1) = totalNanos.addingReportingOverflow(whole)
            let (t2, o2) = t1.addingReportingOverflow(frac)
            if o1 || o2 { exact = false }
            totalNanos = t2
            total += (Double(intPart) + fracPart) * Double(nanosPerUnit)
        }
        if !exact {
            // Beyond Int64 nanoseconds (about 292 years): exceeds CEL's range anyway in most uses.
            let secs = total / 1e9
            guard abs(secs) <= Double(Interval.maxSeconds) else { return .err("duration out of range") }
            let s = Int64(secs)
            return makeDuration(neg ? -s : s, 0)
        }
        let s = totalNanos / nanosPerSecond
        let n = totalNanos % nanosPerSecond
        return makeDuration(neg ? -s : s, neg ? -n : n)
    }

    // MARK: Accessors

    /// The UTC offset, in seconds, of a time zone written as an IANA name or `±hh:mm`.
    /// Time zones by name, looked up once: an import converts a million local times.
    static let zones = ZoneCache()

    static func offset(zone: String, at t: Timestamp) -> Int64? {
        if zone == "UTC" || zone == "Z" { return 0 }
        let u = Array(zone.utf8)
        if let f = u.first, f == 0x2B || f == 0x2D || (f >= 0x30 && f <= 0x39) {
            var parts = zone.split(separator: ":")
            var sign: Int64 = 1
            if f == 0x2D { sign = -1 }
            if f == 0x2B || f == 0x2D { parts[0] = parts[0].dropFirst() }
            guard parts.count == 2, let h = Int64(parts[0]), let m = Int64(parts[1]), h < 24, m < 60 else { return nil }
            return sign * (h * 3600 + m * 60)
        }
        guard let tz = zones.zone(zone) else { return nil }
        return Int64(tz.secondsFromGMT(for: Date(timeIntervalSince1970: Double(t.seconds))))
    }

    static func accessor(_ name: String, _ t: Timestamp, zone: String?) -> RValue {
        var secs = t.seconds
        if let zone {
            guard let off = offset(zone: zone, at: t) else { return .err("invalid time zone '\(zone)'") }
            secs += off
        }
        let days = floorDiv(secs, 86400)
        let rem = secs - days * 86400
        let (y, m, d) = civil(days: days)
        switch name {
        case "getFullYear": return .int(y)
        case "getMonth": return .int(m - 1)
        case "getDate": return .int(d)
        case "getDayOfMonth": return .int(d - 1)
        case "getDayOfYear": return .int(days - Time.days(year: y, month: 1, day: 1))
        case "getDayOfWeek": return .int(((days % 7) + 7 + 4) % 7)
        case "getHours": return .int(rem / 3600)
        case "getMinutes": return .int(rem / 60 % 60)
        case "getSeconds": return .int(rem % 60)
        case "getMilliseconds": return .int(Int64(t.nanos) / 1_000_000)
        default: return .noOverload(name)
        }
    }

    static func accessor(_ name: String, _ d: Interval) -> RValue {
        switch name {
        case "getHours": return .int(d.seconds / 3600)
        case "getMinutes": return .int(d.seconds / 60)
        case "getSeconds": return .int(d.seconds)
        case "getMilliseconds": return .int(Int64(d.nanos) / 1_000_000)
        default: return .noOverload(name)
        }
    }
}

/// IANA time zones by identifier, with unknown names remembered as such.
final class ZoneCache: Sendable {
    private let zones = Mutex<[String: TimeZone?]>([:])

    func zone(_ name: String) -> TimeZone? {
        if let known = zones.withLock({ $0[name] }) { return known }
        let made = TimeZone(identifier: name)
        zones.withLock { if $0.count < 1024 { $0[name] = made } }
        return made
    }
}
