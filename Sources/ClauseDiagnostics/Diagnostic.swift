/// A problem found in a user's file, with where it is.
///
/// Diagnostics are values: a stage collects all of them before it stops, so a user sees every
/// mistake in a pack at once rather than one per run.
public struct Diagnostic: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// How serious a diagnostic is, as its header line prints it (`error:`, `warning:`, `note:`).
    public enum Severity: String, Sendable, Hashable {
        case error, warning, note
    }

    /// The level shown in the header: loaders report errors, `clause lint` reports warnings.
    public var severity: Severity
    /// Where the problem is: the file, and the line and column when they are known.
    public var location: SourceLocation
    /// What is wrong, in one line; further detail goes in `notes`.
    public var message: String
    /// Further lines shown under the caret (a did-you-mean, the other location of a duplicate).
    public var notes: [String]

    /// Makes a diagnostic, an error unless `severity` says otherwise.
    public init(_ severity: Severity = .error, at location: SourceLocation, _ message: String, notes: [String] = []) {
        self.severity = severity
        self.location = location
        self.message = message
        self.notes = notes
    }

    /// Orders by location, then message, so that diagnostics print in file order.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        (lhs.location, lhs.message) < (rhs.location, rhs.message)
    }

    /// The one-line form, `file:line:col: error: message`.
    public var description: String { "\(location): \(severity.rawValue): \(message)" }

    /// The full form: the one-line header, the quoted source line and a caret under the column.
    /// Everything quoted from a file is escaped (a binary file's bytes, a line with escape
    /// sequences), with the caret still under the right character: tabs are kept in the padding,
    /// wide characters count two cells and combining marks none. A long line is shown as a
    /// window of `window` characters around the column, cut ends marked with `…`.
    public func rendered(source: SourceText?, window: Int = 160) -> String {
        var out = TerminalText.escaped(description, lines: false)
        if let source, location.mark.isKnown, let text = source.line(location.line) {
            let scalars = Array(text.unicodeScalars)
            let caret = min(max(1, location.column), scalars.count + 1) - 1
            var start = 0, end = scalars.count
            if scalars.count > window {
                start = max(0, min(caret - window / 2, scalars.count - window))
                end = min(scalars.count, start + window)
            }
            var shown = start > 0 ? "…" : ""
            var pad = start > 0 ? " " : ""
            for i in start..<end {
                let scalar = scalars[i]
                let piece = scalar == "\t" ? "\t" : TerminalText.escaped(String(scalar), lines: false)
                shown += piece
                guard i < caret else { continue }
                if scalar == "\t" {
                    pad += "\t"
                } else if piece.unicodeScalars.count == 1 {
                    pad += String(repeating: " ", count: TerminalText.cells(scalar))
                } else {
                    pad += String(repeating: " ", count: piece.unicodeScalars.count)
                }
            }
            if end < scalars.count { shown += "…" }
            out += "\n    " + shown
            out += "\n    " + pad + "^"
        }
        for note in notes { out += "\n    note: " + TerminalText.escaped(note, lines: false) }
        return out
    }
}

/// Thrown to stop a stage once diagnostics have been collected; carries them to the caller.
public struct DiagnosticError: Error, Sendable, CustomStringConvertible {
    /// Every problem the stage found, in the order found; `rendered` sorts them.
    public var diagnostics: [Diagnostic]
    /// The texts of the files the diagnostics point into, by name, so that lines can be quoted.
    public var sources: [String: SourceText]

    /// Carries several diagnostics, with the files to quote them from where the caller has them.
    public init(_ diagnostics: [Diagnostic], sources: [String: SourceText] = [:]) {
        self.diagnostics = diagnostics
        self.sources = sources
    }

    /// Carries one diagnostic, with the file to quote it from where the caller has it.
    public init(_ diagnostic: Diagnostic, source: SourceText? = nil) {
        self.diagnostics = [diagnostic]
        self.sources = source.map { [$0.name: $0] } ?? [:]
    }

    /// Every diagnostic rendered with its source line, in file order.
    public var rendered: String {
        diagnostics.sorted().map { $0.rendered(source: sources[$0.location.file]) }.joined(separator: "\n")
    }

    /// The same as `rendered`, so that printing the error shows every quoted line.
    public var description: String { rendered }
}
