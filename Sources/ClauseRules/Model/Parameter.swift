import ClauseDiagnostics
import ClauseValue

/// A value a pack leaves to the organisation (InSpec's inputs, OpenSCAP's tailoring values): a
/// review interval, a target, a list of required records. Rules read it by name like a `let`;
/// its default is the pack's, and a tailoring file may set another within the allowed range.
public struct Parameter: Sendable {
    /// The kind of value a parameter takes, as its `type:` in pack.yaml names it.
    public enum Kind: String, Sendable, CaseIterable {
        /// Written `30d`, `12h`, `90m`, `45s` or a sum of those (`1d12h`).
        case duration
        /// An integer or a decimal number.
        case number
        /// Any text, or one of the parameter's `values:` when the pack lists them.
        case string
        /// A list of strings.
        case list
    }

    /// The name rules read it by and a tailoring file sets it by.
    public var name: String
    /// What values are accepted, and how a tailoring file writes them.
    public var kind: Kind
    /// What the value means, as the pack's required `description:` explains it.
    public var description: String
    /// The pack's value.
    public var defaultValue: Value
    /// The value rules see: the default, or the one a tailoring file set.
    public var value: Value
    /// Inclusive bounds for durations and numbers.
    public var minimum: Value?
    /// The inclusive upper bound, for durations and numbers; nil when there is none.
    public var maximum: Value?
    /// The values a string, or each item of a list, may take; empty for any.
    public var allowed: [String]
    /// Where the parameter is declared in `pack.yaml`.
    public var location: SourceLocation

    /// `value` converted to the parameter's kind and checked against its bounds and allowed
    /// values, or what is wrong with it, naming what was expected.
    public func accept(_ value: Value) -> Result<Value, ParameterRejection> {
        let converted: Value
        switch (kind, value) {
        case (.duration, .string(let text)):
            guard let d = Self.duration(text) else { return .failure(ParameterRejection("'\(text)' is not a duration (such as 30d, 12h, 1d12h)")) }
            converted = .duration(d)
        case (.number, .int), (.number, .double): converted = value
        case (.number, .uint(let u)) where u <= UInt64(Int64.max): converted = .int(Int64(u))
        case (.string, .string(let s)):
            if !allowed.isEmpty && !allowed.contains(s) { return .failure(ParameterRejection("'\(s)' is not one of \(allowed.joined(separator: ", "))")) }
            converted = value
        case (.list, .list(let items)):
            for item in items.elements {
                guard case .string(let s) = item else { return .failure(ParameterRejection("list items must be strings")) }
                if !allowed.isEmpty && !allowed.contains(s) { return .failure(ParameterRejection("'\(s)' is not one of \(allowed.joined(separator: ", "))")) }
            }
            converted = value
        default:
            return .failure(ParameterRejection("expected \(kind == .list ? "a list of strings" : "a \(kind.rawValue)"), not \(FieldReader.kind(value))"))
        }
        if let minimum, Self.less(converted, minimum) {
            return .failure(ParameterRejection("\(Self.shown(converted)) is below the minimum \(Self.shown(minimum))"))
        }
        if let maximum, Self.less(maximum, converted) {
            return .failure(ParameterRejection("\(Self.shown(converted)) is above the maximum \(Self.shown(maximum))"))
        }
        return .success(converted)
    }

    /// `30d`, `12h`, `90m`, `45s`, or a sum such as `1d12h`; nil for anything else.
    public static func duration(_ text: String) -> Interval? {
        var seconds: Int64 = 0
        var number: Int64? = nil
        var any = false
        for ch in text.unicodeScalars {
            if ch.value >= 48 && ch.value <= 57 {
                let (times, o1) = (number ?? 0).multipliedReportingOverflow(by: 10)
                let (sum, o2) = times.addingReportingOverflow(Int64(ch.value - 48))
                if o1 || o2 { return nil }
                number = sum
                continue
            }
            guard let n = number else { return nil }
            let unit: Int64
            switch ch {
            case "d": unit = 86_400
            case "h": unit = 3_600
            case "m": unit = 60
            case "s": unit = 1
            default: return nil
            }
            let (part, o1) = n.multipliedReportingOverflow(by: unit)
            let (sum, o2) = seconds.addingReportingOverflow(part)
            if o1 || o2 { return nil }
            seconds = sum
            number = nil
            any = true
        }
        guard any, number == nil, seconds <= Interval.maxSeconds else { return nil }
        return Interval(seconds: seconds)
    }

    /// A value as a tailoring file would write it (`30d`, `95`, `'x'`).
    public static func shown(_ value: Value) -> String {
        switch value {
        case .duration(let d) where d.nanos == 0 && d.seconds % 86_400 == 0: return "\(d.seconds / 86_400)d"
        case .duration(let d) where d.nanos == 0 && d.seconds % 3_600 == 0: return "\(d.seconds / 3_600)h"
        case .duration(let d): return d.celString
        case .string(let s): return "'\(s)'"
        case .list(let l): return "[" + l.elements.map(shown).joined(separator: ", ") + "]"
        default: return MessageTemplate.display(value)
        }
    }

    static func less(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.duration(let x), .duration(let y)): return x < y
        case (.int(let x), .int(let y)): return x < y
        case (.int(let x), .double(let y)): return Double(x) < y
        case (.double(let x), .int(let y)): return x < Double(y)
        case (.double(let x), .double(let y)): return x < y
        default: return false
        }
    }
}

/// Why a value does not fit a parameter.
public struct ParameterRejection: Error, Sendable {
    /// What is wrong with the value, naming what was expected; callers add the parameter's name.
    public var message: String
    init(_ message: String) { self.message = message }
}
