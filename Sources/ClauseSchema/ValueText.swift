import ClauseValue

/// How a message shows a value: close to how the user wrote it (`'Live'`, `42`, `true`), and
/// never a whole subtree, so a violation on a large object stays one readable line.
enum ValueText {
    /// Longest string quoted in full; longer ones are cut with an ellipsis.
    static let maxQuoted = 60

    /// The value as a message names it: strings in single quotes, containers by kind.
    static func quoted(_ value: Value) -> String {
        switch value {
        case .string(let s): return "'" + shortened(s) + "'"
        case .list(let l): return l.isEmpty ? "an empty list" : "a list of \(l.count)"
        case .map(let m): return m.isEmpty ? "an empty object" : "an object"
        default: return plain(value)
        }
    }

    /// The value as a list of choices shows it: strings bare (`live, pipeline, retired`).
    static func plain(_ value: Value) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .uint(let u): return String(u)
        case .double(let d):
            if d.isFinite, d.rounded(.towardZero) == d, abs(d) < 1e15 { return String(Int64(d)) }
            return String(d)
        case .string(let s): return shortened(s)
        case .bytes(let b): return "\(b.count) bytes"
        case .list, .map: return quoted(value)
        case .timestamp(let t): return t.rfc3339
        case .duration(let d): return d.celString
        }
    }

    private static func shortened(_ s: String) -> String {
        s.unicodeScalars.count <= maxQuoted ? s : String(String.UnicodeScalarView(s.unicodeScalars.prefix(maxQuoted - 1))) + "…"
    }
}
