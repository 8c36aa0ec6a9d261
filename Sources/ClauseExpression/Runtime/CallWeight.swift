import ClauseValue

/// What a library call costs, worked out from its arguments and charged before it runs, so
/// that the cost budget sees the work calls do and not only how many there are: `matches` on a
/// megabyte of text, `replace` building a string of gigabytes, `join` of a huge list. A call
/// whose result would exceed the size limits fails before it allocates anything.
enum CallWeight: Sendable {
    /// Work that does not grow with the arguments.
    case unit
    /// Work in proportion to the arguments' sizes (bytes of text, elements of lists).
    case linear
    /// `matches`: every position of the text against every instruction of the pattern.
    case pattern
    /// `replace`: a scan of the text for the needle; the result's size known before it is built.
    case replace
    /// `join`: the result is the elements and separators together.
    case join

    static func of(_ name: String) -> CallWeight {
        switch name {
        case "matches": .pattern
        case "replace": .replace
        case "join": .join
        case "contains", "startsWith", "endsWith", "indexOf", "lastIndexOf", "split", "substring", "trim", "lowerAscii",
             "upperAscii", "reverse", "charAt", "format", "strings.quote", "base64.encode", "base64.decode", "size",
             "string", "bytes", "int", "uint", "double", "timestamp", "duration", "parseTime", "parseDate", "date":
            .linear
        default: .unit
        }
    }

    static func size(_ v: RValue) -> Int {
        guard case .value(let value) = v else { return 0 }
        switch value {
        case .string(let s): return s.utf8.count
        case .bytes(let b): return b.count
        case .list(let l): return l.count
        case .map(let m): return m.count
        default: return 1
        }
    }

    /// The same for calls of up to three arguments, without building an array (the common case,
    /// on the hot path of every rule).
    @inline(__always) func cost(_ a: RValue, _ b: RValue? = nil, _ c: RValue? = nil, limits: Limits) -> Result<Int, CallRefusal> {
        switch self {
        case .unit: return .success(1)
        case .linear: return .success(1 + (Self.size(a) + (b.map(Self.size) ?? 0) + (c.map(Self.size) ?? 0)) / 8)
        default: return cost([a] + [b, c].compactMap { $0 }, limits: limits)
        }
    }

    /// The cost to charge, or the reason the call must not run.
    func cost(_ args: [RValue], limits: Limits) -> Result<Int, CallRefusal> {
        switch self {
        case .unit:
            return .success(1)
        case .linear:
            return .success(1 + args.reduce(0) { $0 + Self.size($1) } / 8)
        case .pattern:
            guard args.count == 2, case .value(.string(let text)) = args[0], case .value(.string(let pattern)) = args[1] else { return .success(1) }
            let states: Int
            switch Regex.cached(pattern) {
            case .success(let re): states = re.program.count
            case .failure: return .success(1)  // the call reports the bad pattern itself
            }
            return .success(1 + text.unicodeScalars.count.multipliedReportingOverflow(by: max(states, 1)).partialValue / 8)
        case .replace:
            guard args.count >= 3, case .value(.string(let text)) = args[0], case .value(.string(let needle)) = args[1],
                  case .value(.string(let replacement)) = args[2] else { return .success(1) }
            let t = text.unicodeScalars.count, n = needle.unicodeScalars.count
            let occurrences = n == 0 ? t + 1 : Self.occurrences(of: needle, in: text)
            let (grown, overflow) = occurrences.multipliedReportingOverflow(by: replacement.utf8.count)
            let size = text.utf8.count - occurrences * needle.utf8.count + grown
            if overflow || size > limits.maxStringSize { return .failure(CallRefusal("string size exceeds limit of \(limits.maxStringSize) bytes")) }
            return .success(1 + (t * (n + 1) + size) / 8)
        case .join:
            guard case .value(.list(let list))? = args.first else { return .success(1) }
            var size = 0
            for element in list.elements { if case .string(let s) = element { size += s.utf8.count } }
            if args.count > 1, case .value(.string(let separator)) = args[1] { size += separator.utf8.count * max(0, list.count - 1) }
            if size > limits.maxStringSize { return .failure(CallRefusal("string size exceeds limit of \(limits.maxStringSize) bytes")) }
            return .success(1 + size / 8)
        }
    }

    /// Non-overlapping occurrences, as `replace` finds them.
    private static func occurrences(of needle: String, in text: String) -> Int {
        let n = Array(needle.utf8), t = Array(text.utf8)
        guard !n.isEmpty, n.count <= t.count else { return 0 }
        var count = 0, i = 0
        while i + n.count <= t.count {
            if t[i] == n[0] && t[i..<i + n.count].elementsEqual(n) { count += 1; i += n.count } else { i += 1 }
        }
        return count
    }
}

/// Why a call was refused before it ran.
struct CallRefusal: Error, Sendable {
    let message: String
    init(_ message: String) { self.message = message }
}
