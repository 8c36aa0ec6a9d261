extension Timestamp {
    /// Days since 1970-01-01 to a proleptic Gregorian civil date (Howard Hinnant's algorithm).
    public static func civil(fromDays days: Int64) -> (year: Int64, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = Int(doy - (153 * mp + 2) / 5 + 1)
        let month = Int(mp < 10 ? mp + 3 : mp - 9)
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// A civil date to days since 1970-01-01.
    public static func days(year: Int64, month: Int, day: Int) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// RFC 3339 in UTC with `Z`, with as many fraction digits as needed (0, 3, 6 or 9), as CEL
    /// prints timestamps.
    public var rfc3339: String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = Self.civil(fromDays: days)
        // Written as bytes: a large import formats a million of these.
        var out: [UInt8] = []
        out.reserveCapacity(30)
        func digits(_ v: Int64, _ width: Int) {
            if v < 0 { out.append(UInt8(ascii: "-")) }
            let n = v.magnitude
            var count = 1
            var scale: UInt64 = 1
            while count < 19, n / scale >= 10 { scale *= 10; count += 1 }
            for _ in count..<max(width, count) { out.append(UInt8(ascii: "0")) }
            while scale > 0 { out.append(UInt8(ascii: "0") + UInt8(n / scale % 10)); scale /= 10 }
        }
        digits(year, 4); out.append(UInt8(ascii: "-"))
        digits(Int64(month), 2); out.append(UInt8(ascii: "-"))
        digits(Int64(day), 2); out.append(UInt8(ascii: "T"))
        digits(secondOfDay / 3600, 2); out.append(UInt8(ascii: ":"))
        digits(secondOfDay / 60 % 60, 2); out.append(UInt8(ascii: ":"))
        digits(secondOfDay % 60, 2)
        if nanos != 0 {
            var fraction = Int64(nanos)
            var width = 9
            while fraction % 1000 == 0 { fraction /= 1000; width -= 3 }
            out.append(UInt8(ascii: "."))
            digits(fraction, width)
        }
        out.append(UInt8(ascii: "Z"))
        return String(decoding: out, as: UTF8.self)
    }

    /// Parses an RFC 3339 date-time (`2026-03-01T10:00:00Z`, `...+02:00`, fractions up to 9
    /// digits). Returns nil for anything else or a time outside CEL's range.
    public init?(rfc3339 text: String) {
        // Read the UTF-8 in place: this runs once per element in date rules.
        var text = text
        guard let parsed = text.withUTF8({ Self.parseRFC3339($0) }) else { return nil }
        self = parsed
    }

    /// The same parse on UTF-8 bytes, for callers that hold them already.
    public static func parseRFC3339(_ b: UnsafeBufferPointer<UInt8>) -> Timestamp? {
        parseRFC3339Fields(b).flatMap { $0.isValid ? $0 : nil }
    }

    /// The parse without the range check, so a caller can tell a malformed text from a time
    /// outside CEL's range (year 0, year 10000).
    public static func parseRFC3339Fields(_ b: UnsafeBufferPointer<UInt8>) -> Timestamp? {
        func num(_ from: Int, _ count: Int) -> Int64? {
            guard from + count <= b.count else { return nil }
            var v: Int64 = 0
            for i in from..<(from + count) {
                guard b[i] >= 0x30 && b[i] <= 0x39 else { return nil }
                v = v * 10 + Int64(b[i] - 0x30)
            }
            return v
        }
        guard b.count >= 20, let year = num(0, 4), b[4] == 0x2D, let month = num(5, 2), b[7] == 0x2D,
              let day = num(8, 2), b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t"),
              let hour = num(11, 2), b[13] == 0x3A, let minute = num(14, 2), b[16] == 0x3A, let second = num(17, 2)
        else { return nil }
        guard (1...12).contains(month), day >= 1, day <= Self.daysIn(month: Int(month), year: year),
              hour < 24, minute < 60, second < 60 else { return nil }
        var i = 19
        var nanos: Int64 = 0
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            var digits = 0
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
                if digits < 9 { nanos = nanos * 10 + Int64(b[i] - 0x30) }
                digits += 1
                i += 1
            }
            guard digits > 0, digits <= 9 else { return nil }
            for _ in digits..<9 { nanos *= 10 }
        }
        guard i < b.count else { return nil }
        var offset: Int64 = 0
        if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
            i += 1
        } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            guard let oh = num(i + 1, 2), i + 3 < b.count, b[i + 3] == 0x3A, let om = num(i + 4, 2), oh < 24, om < 60 else { return nil }
            offset = (oh * 3600 + om * 60) * (b[i] == UInt8(ascii: "-") ? -1 : 1)
            i += 6
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        let secs = Self.days(year: year, month: Int(month), day: Int(day)) * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Timestamp(seconds: secs, nanos: Int32(nanos))
    }

    /// A calendar date `YYYY-MM-DD` at 00:00Z.
    public init?(date text: String) {
        var text = text
        guard let parsed = text.withUTF8({ b -> Timestamp? in
            func digits(_ range: Range<Int>) -> Int? {
                var v = 0
                for i in range {
                    guard b[i] >= 0x30 && b[i] <= 0x39 else { return nil }
                    v = v * 10 + Int(b[i] - 0x30)
                }
                return v
            }
            guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D,
                  let year = digits(0..<4), let month = digits(5..<7), let day = digits(8..<10),
                  (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: Int64(year))
            else { return nil }
            return Timestamp(seconds: Self.days(year: Int64(year), month: month, day: day) * 86_400)
        }) else { return nil }
        self = parsed
    }

    /// The length of a month in the proleptic Gregorian calendar, for rejecting dates such as 30 February.
    public static func daysIn(month: Int, year: Int64) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

extension Interval {
    /// CEL's form: seconds with up to 9 fraction digits and an `s` suffix (`1.5s`, `-3600s`).
    public var celString: String {
        let negative = seconds < 0 || nanos < 0
        let s = seconds.magnitude
        let n = Int64(nanos.magnitude)
        var out = (negative ? "-" : "") + String(s)
        if n != 0 {
            var fraction = String(n)
            fraction = String(repeating: "0", count: 9 - fraction.count) + fraction
            while fraction.hasSuffix("0") { fraction.removeLast() }
            out += "." + fraction
        }
        return out + "s"
    }
}
