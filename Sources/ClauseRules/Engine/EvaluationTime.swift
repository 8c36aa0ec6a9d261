import ClauseDiagnostics
import ClauseDocument
import ClauseValue
import Foundation

/// The `now` a snapshot is judged at, and where it came from: a fixed time (`--as-of`), else the
/// snapshot's own `as_of`, else the clock. Results record the source, so that an auditor can
/// tell a re-run at the snapshot's date from one at the day it was run.
public enum EvaluationTime {
    /// A date (`2026-06-30`, midnight UTC) or an RFC 3339 time; nil for anything else.
    public static func parse(_ text: String) -> Timestamp? {
        Timestamp(date: text) ?? Timestamp(rfc3339: text)
    }

    /// `fixed` (source `option`), else the document's `as_of` (`snapshot`), else now (`clock`).
    /// An `as_of` that is not a date or time is a located error, never the clock in disguise.
    public static func of(_ document: Document, fixed: Timestamp?) throws(DiagnosticError) -> (now: Timestamp, source: String) {
        if let fixed { return (fixed, "option") }
        if let map = document.root.mapValue, let i = map.position(ofString: "as_of") {
            guard case .string(let text) = map.values[i], let t = parse(text) else {
                throw DiagnosticError(Diagnostic(.error, at: SourceLocation(file: document.fileName, mark: map.mark(at: i)),
                                                 "'as_of' must be a date (YYYY-MM-DD) or an RFC 3339 time"), source: document.source)
            }
            return (t, "snapshot")
        }
        return (Timestamp(seconds: Int64(Date().timeIntervalSince1970)), "clock")
    }
}

extension Engine {
    /// Judges one snapshot document as `clause check` does: it must be a mapping of sections,
    /// and is judged at `asOf`, else its own `as_of`, else now (see `EvaluationTime`).
    public func check(_ document: Document, asOf: Timestamp? = nil, sha256: String = "", strict: Bool = false) throws(DiagnosticError) -> SnapshotResult {
        guard document.root.mapValue != nil else {
            throw DiagnosticError(Diagnostic(.error, at: SourceLocation(file: document.fileName, mark: document.rootMark),
                                             "a snapshot must be a mapping of sections"), source: document.source)
        }
        let (now, source) = try EvaluationTime.of(document, fixed: asOf)
        return evaluate(document, now: now, asOfSource: source, sha256: sha256, strict: strict)
    }
}
