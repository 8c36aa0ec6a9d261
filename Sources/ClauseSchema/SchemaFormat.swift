import ClauseValue

/// The `format` values Clause asserts. JSON Schema makes `format` an annotation by default;
/// for evidence an unchecked date is no check at all, so these are assertions, and any other
/// format name is refused when the schema is compiled rather than silently passed.
///
/// `past-date` and `past-date-time` are Clause's extension: a valid `date` / `date-time` that is
/// not after the evaluation time (a date counts as its 00:00Z), so a schema can say that an
/// audit or a review has already happened as of the snapshot's date.
enum SchemaFormat: String, Sendable, CaseIterable {
    case date
    case dateTime = "date-time"
    case pastDate = "past-date"
    case pastDateTime = "past-date-time"

    /// Whether the format wants a date-time rather than a full-date.
    var wantsTime: Bool { self == .dateTime || self == .pastDateTime }

    /// Whether the value must also not be after the evaluation time.
    var isPast: Bool { self == .pastDate || self == .pastDateTime }

    /// What a message says the text should have been.
    var expectation: String {
        wantsTime ? "a date-time (RFC 3339, e.g. 2026-06-30T12:00:00Z)" : "a date (YYYY-MM-DD)"
    }

    /// The instant `text` names, or nil when it is not of this format's syntax.
    func parse(_ text: String) -> Timestamp? {
        wantsTime ? Self.dateTime(text) : Timestamp(date: text)
    }

    /// RFC 3339 `date-time` through `Timestamp`'s parser, with the two forms the parser rejects
    /// because CEL's timestamps cannot hold them but RFC 3339 allows: a leap second (`:60`, only
    /// at 23:59 UTC) and more than nine fraction digits (the extra ones are dropped). Year 0000,
    /// outside CEL's range, is still valid syntax here.
    static func dateTime(_ text: String) -> Timestamp? {
        var text = text
        return text.withUTF8 { b -> Timestamp? in
            guard b.count >= 20 else { return nil }
            let leap = b[17] == UInt8(ascii: "6") && b[18] == UInt8(ascii: "0")
            var digits = 0
            if b[19] == UInt8(ascii: ".") {
                while 20 + digits < b.count, b[20 + digits] >= 0x30, b[20 + digits] <= 0x39 { digits += 1 }
            }
            if !leap && digits <= 9 { return Timestamp.parseRFC3339Fields(b) }
            // The rare forms: rewrite a copy into one the parser takes, then check what it lost.
            var copy = Array(b)
            if digits > 9 { copy.removeSubrange(29..<(20 + digits)) }
            if leap { (copy[17], copy[18]) = (UInt8(ascii: "5"), UInt8(ascii: "9")) }
            guard let parsed = copy.withUnsafeBufferPointer({ Timestamp.parseRFC3339Fields($0) }) else { return nil }
            if leap {
                let secondOfDay = parsed.seconds - 86_400 * (parsed.seconds >= 0 ? parsed.seconds / 86_400 : (parsed.seconds - 86_399) / 86_400)
                guard secondOfDay == 86_399 else { return nil }
            }
            return parsed
        }
    }
}
