import ClauseDiagnostics
import ClauseValue

/// Strings and numbers: the checks that end the walk.
extension SchemaValidator {
    mutating func checkString(_ rules: StringRules, _ text: String, _ mark: SourceMark, _ collect: Bool) -> Bool {
        var valid = true
        if let minimum = rules.minLength, !Self.hasAtLeast(minimum, text) {
            guard collect else { return false }
            valid = false
            report(.minLength, mark, "\(ValueText.quoted(.string(text))) is shorter than \(minimum) character\(minimum == 1 ? "" : "s")")
        }
        if let maximum = rules.maxLength, Self.hasAtLeast(maximum + 1, text) {
            guard collect else { return false }
            valid = false
            report(.maxLength, mark, "\(ValueText.quoted(.string(text))) is longer than \(maximum) character\(maximum == 1 ? "" : "s")")
        }
        if let pattern = rules.pattern, !pattern.matches(text) {
            guard collect else { return false }
            valid = false
            report(.pattern, mark, "\(ValueText.quoted(.string(text))) does not match the pattern \(pattern.pattern)")
        }
        if let format = rules.format {
            if let instant = format.parse(text) {
                if format.isPast, let now, instant > now {
                    guard collect else { return false }
                    valid = false
                    let limit = format.wantsTime ? "time \(now.rfc3339)" : "date \(now.rfc3339.prefix(10))"
                    report(.futureDate, mark, "\(ValueText.quoted(.string(text))) is after the evaluation \(limit)")
                }
            } else {
                guard collect else { return false }
                valid = false
                report(.format, mark, "\(ValueText.quoted(.string(text))) is not \(format.expectation)")
            }
        }
        return valid
    }

    /// Whether `text` has at least `n` code points, counting them only when the byte count
    /// cannot answer (a code point is one to four bytes).
    @inline(__always)
    static func hasAtLeast(_ n: Int, _ text: String) -> Bool {
        let bytes = text.utf8.count
        if bytes < n { return false }
        if bytes / 4 >= n { return true }
        return text.unicodeScalars.count >= n
    }

    // MARK: Numbers

    mutating func checkNumber(_ rules: NumberRules, _ value: Value, _ mark: SourceMark, _ collect: Bool) -> Bool {
        var valid = true
        func fails(_ bound: Value?, _ broken: (Int) -> Bool) -> Bool {
            guard let bound else { return false }
            // NaN compares with nothing: it fails every bound rather than passing them all.
            guard let order = JSONEquality.compare(value, bound) else { return true }
            return broken(order)
        }
        if fails(rules.minimum, { $0 < 0 }) {
            guard collect else { return false }
            valid = false
            report(.minimum, mark, "\(ValueText.plain(value)) is less than the minimum \(ValueText.plain(rules.minimum!))")
        }
        if fails(rules.exclusiveMinimum, { $0 <= 0 }) {
            guard collect else { return false }
            valid = false
            report(.minimum, mark, "\(ValueText.plain(value)) is not greater than \(ValueText.plain(rules.exclusiveMinimum!)) (exclusive minimum)")
        }
        if fails(rules.maximum, { $0 > 0 }) {
            guard collect else { return false }
            valid = false
            report(.maximum, mark, "\(ValueText.plain(value)) is greater than the maximum \(ValueText.plain(rules.maximum!))")
        }
        if fails(rules.exclusiveMaximum, { $0 >= 0 }) {
            guard collect else { return false }
            valid = false
            report(.maximum, mark, "\(ValueText.plain(value)) is not less than \(ValueText.plain(rules.exclusiveMaximum!)) (exclusive maximum)")
        }
        return valid
    }
}
