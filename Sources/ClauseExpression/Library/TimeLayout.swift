import ClauseValue
import Synchronization

/// A date-time layout such as `dd-MM-yyyy HH:mm` or `yyyy-MM-dd'T'HH:mm:ss.SSSZ`: how an export
/// writes its times, since ITSM exports write them in the exporting user's format and zone and
/// Jira's `+0000` offsets are not RFC 3339. Parsing is strict: the whole text must match.
struct TimeLayout: Sendable {
    enum Token: Equatable, Sendable {
        case year, month, day, hour, minute, second, fraction, offset
        case literal(Unicode.Scalar)
    }

    let tokens: [Token]

    /// Reads a layout; nil names the problem.
    static func compile(_ layout: String) -> Result<TimeLayout, LayoutError> {
        var tokens: [Token] = []
        let u = Array(layout.unicodeScalars)
        var i = 0
        while i < u.count {
            let c = u[i]
            if c == "'" {
                var j = i + 1
                while j < u.count, u[j] != "'" { tokens.append(.literal(u[j])); j += 1 }
                guard j < u.count else { return .failure(LayoutError("unterminated quote in layout '\(layout)'")) }
                i = j + 1
                continue
            }
            var run = 1
            while i + run < u.count, u[i + run] == c { run += 1 }
            let token: Token? = switch (c, run) {
            case ("y", 4): .year
            case ("M", 2): .month
            case ("d", 2): .day
            case ("H", 2): .hour
            case ("m", 2): .minute
            case ("s", 2): .second
            case ("S", _): .fraction
            case ("Z", 1), ("X", 1): .offset
            default: nil
            }
            if let token {
                tokens.append(token)
            } else if c.properties.isAlphabetic {
                return .failure(LayoutError("layout '\(layout)' has '\(String(repeating: String(c), count: run))'; use yyyy MM dd HH mm ss SSS Z, and quote letters ('T')"))
            } else {
                tokens.append(contentsOf: Array(repeating: .literal(c), count: run))
            }
            i += run
        }
        return .success(TimeLayout(tokens: tokens))
    }

    /// The instant `text` names, read in `zone` unless the text carries its own offset.
    func parse(_ text: String, zone: String) -> Result<Timestamp, LayoutError> {
        let u = text.unicodeScalars
        var i = u.startIndex
        var fields = (year: Int64(1970), month: 1, day: 1, hour: 0, minute: 0, second: 0)
        var nanos: Int32 = 0
        var offset: Int64?
        func digits(_ n: Int) -> Int? {
            var v = 0
            var k = i
            for _ in 0..<n {
                guard k < u.endIndex, let d = digit(u[k]) else { return nil }
                v = v * 10 + d
                u.formIndex(after: &k)
            }
            i = k
            return v
        }
        let bad = Result<Timestamp, LayoutError>.failure(LayoutError("'\(text)' does not match the layout"))
        for token in tokens {
            switch token {
            case .year: guard let v = digits(4) else { return bad }; fields.year = Int64(v)
            case .month: guard let v = digits(2), (1...12).contains(v) else { return bad }; fields.month = v
            case .day: guard let v = digits(2), (1...31).contains(v) else { return bad }; fields.day = v
            case .hour: guard let v = digits(2), v < 24 else { return bad }; fields.hour = v
            case .minute: guard let v = digits(2), v < 60 else { return bad }; fields.minute = v
            case .second: guard let v = digits(2), v < 60 else { return bad }; fields.second = v
            case .fraction:
                var n = 0
                var value: Int32 = 0
                while i < u.endIndex, n < 9, let d = digit(u[i]) { value = value * 10 + Int32(d); n += 1; u.formIndex(after: &i) }
                guard n > 0 else { return bad }
                for _ in n..<9 { value *= 10 }
                nanos = value
            case .offset:
                guard i < u.endIndex else { return bad }
                if u[i] == "Z" { offset = 0; u.formIndex(after: &i); continue }
                guard u[i] == "+" || u[i] == "-" else { return bad }
                let sign: Int64 = u[i] == "-" ? -1 : 1
                u.formIndex(after: &i)
                guard let h = digits(2), h < 24 else { return bad }
                if i < u.endIndex, u[i] == ":" { u.formIndex(after: &i) }
                guard let m = digits(2), m < 60 else { return bad }
                offset = sign * Int64(h * 3600 + m * 60)
            case .literal(let c):
                guard i < u.endIndex, u[i] == c else { return bad }
                u.formIndex(after: &i)
            }
        }
        guard i == u.endIndex else { return bad }
        let daysInMonth = [31, fields.year % 4 == 0 && (fields.year % 100 != 0 || fields.year % 400 == 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard fields.day <= daysInMonth[fields.month - 1] else { return .failure(LayoutError("'\(text)' is not a date: \(fields.month)/\(fields.day)")) }
        let local = Timestamp.days(year: fields.year, month: fields.month, day: fields.day) * 86_400
            + Int64(fields.hour * 3600 + fields.minute * 60 + fields.second)
        if let offset { return .success(Timestamp(seconds: local - offset, nanos: nanos)) }
        // The zone's offset at that local time: tried at the local time read as UTC, then
        // corrected once, which is right except inside a daylight-saving change.
        guard let first = Time.offset(zone: zone, at: Timestamp(seconds: local)) else { return .failure(LayoutError("invalid time zone '\(zone)'")) }
        let second = Time.offset(zone: zone, at: Timestamp(seconds: local - first)) ?? first
        return .success(Timestamp(seconds: local - second, nanos: nanos))
    }

    private func digit(_ c: Unicode.Scalar) -> Int? {
        c.value >= 48 && c.value <= 57 ? Int(c.value - 48) : nil
    }

    /// `parseTime(text, layout, zone)` and `parseDate(text, layout)`; both give null for null,
    /// so an empty export cell leaves its field out instead of failing the record.
    static func register(_ add: (String, Int, Bool, Bool, Builtin) -> Void) {
        add("parseTime", 3, false, true, parseTime { layout in layout.stringValue.map(compiled) })
        add("parseDate", 2, false, true, parseDate { layout in layout.stringValue.map(compiled) })
    }

    /// `parseTime(text, layout, zone)` with the layout found by `layout`: nil when the argument
    /// is not a string. Null text gives null.
    private static func parseTime(_ layout: @escaping @Sendable (Value) -> Result<TimeLayout, LayoutError>?) -> Builtin {
        Library.v3("parseTime") { text, layoutText, zone in
            if text == .null { return .value(.null) }
            guard case .string(let t) = text, case .string(let z) = zone, let found = layout(layoutText) else { return .noOverload("parseTime") }
            switch found {
            case .failure(let e): return .err(e.message)
            case .success(let l): return instant(l.parse(t, zone: z))
            }
        }
    }

    /// `parseDate(text, layout)`, the same way, read in UTC and given as `YYYY-MM-DD` text.
    private static func parseDate(_ layout: @escaping @Sendable (Value) -> Result<TimeLayout, LayoutError>?) -> Builtin {
        Library.v2("parseDate") { text, layoutText in
            if text == .null { return .value(.null) }
            guard case .string(let t) = text, let found = layout(layoutText) else { return .noOverload("parseDate") }
            switch found {
            case .failure(let e): return .err(e.message)
            case .success(let l): return date(l.parse(t, zone: "UTC"))
            }
        }
    }

    /// `parseTime` or `parseDate` with its layout written as a literal (as manifests write it),
    /// compiled once while planning: the call then reads neither the layout text nor the shared
    /// cache, whose lock two threads mapping an export's parts would otherwise take turns at
    /// twice a row. Nil for any other call, or a layout that does not compile (whose error the
    /// call then gives as before).
    static func fixed(_ name: String, _ args: [Node]) -> Builtin? {
        guard name == "parseTime" || name == "parseDate", args.count >= 2, case .value(.string(let text))? = args[1].constant,
              case .success(let layout) = compile(text) else { return nil }
        return name == "parseDate" ? parseDate { _ in .success(layout) } : parseTime { _ in .success(layout) }
    }

    /// Compiled layouts by text: an import reads the same few layouts a million times.
    private static let cache = Mutex<[String: Result<TimeLayout, LayoutError>]>([:])

    private static func compiled(_ layout: String) -> Result<TimeLayout, LayoutError> {
        if let known = cache.withLock({ $0[layout] }) { return known }
        let made = compile(layout)
        cache.withLock { if $0.count < 256 { $0[layout] = made } }
        return made
    }

    /// What `parseTime` gives for a parse.
    private static func instant(_ parsed: Result<Timestamp, LayoutError>) -> RValue {
        switch parsed {
        case .failure(let e): return .err(e.message)
        case .success(let t): return t.isValid ? .value(.timestamp(t)) : .err("timestamp out of range")
        }
    }

    /// What `parseDate` gives for a parse: the date as `YYYY-MM-DD` text.
    private static func date(_ parsed: Result<Timestamp, LayoutError>) -> RValue {
        switch instant(parsed) {
        case .value(.timestamp(let ts)): return .value(.string(String(ts.rfc3339.prefix(10))))
        case let other: return other
        }
    }
}

/// Why a layout or a text could not be read.
struct LayoutError: Error, Sendable {
    let message: String
    init(_ message: String) { self.message = message }
}
