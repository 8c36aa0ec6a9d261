import ClauseValue

/// The instant "done" dates are checked against.
///
/// A snapshot `as_of: 2026-06-30` describes that whole day, and `now` is its first instant: a
/// record resolved at 14:00 that day, or reviewed on that date, is not in the future. So the
/// schema's past-date formats accept anything up to the end of the evaluation day, and refuse
/// the next day from its first second.
package enum SchemaClock {
    /// The last second of the UTC day that holds `now`: the latest a past date may be.
    package static func endOfDay(_ now: Timestamp) -> Timestamp {
        let day: Int64 = 86_400
        let start = now.seconds - ((now.seconds % day) + day) % day
        return Timestamp(seconds: start + day - 1)
    }
}
