import ClauseDiagnostics

/// Why a file could not be loaded; always carries where in the file the problem is.
public struct DocumentError: Error, Sendable, CustomStringConvertible {
    /// The kinds mirror the stages that can fail: reading, libyaml, our own checks.
    public enum Kind: String, Sendable {
        case io
        case encoding
        case syntax
        case duplicateKey
        case tagMismatch
        case undefinedAlias
        case aliasExpansion
        case tooDeep
        case invalidMerge
        case empty
    }

    public let kind: Kind
    public let diagnostic: Diagnostic
    public let source: SourceText?

    public init(_ kind: Kind, at location: SourceLocation, _ message: String, notes: [String] = [], source: SourceText?) {
        self.kind = kind
        self.diagnostic = Diagnostic(.error, at: location, message, notes: notes)
        self.source = source
    }

    public var location: SourceLocation { diagnostic.location }
    public var message: String { diagnostic.message }

    /// `file:line:col: error: message`, the source line and a caret.
    public var rendered: String { diagnostic.rendered(source: source) }

    public var description: String { rendered }

    /// The same problem as a `DiagnosticError`, for callers that gather problems from many files.
    public var diagnosticError: DiagnosticError { DiagnosticError(diagnostic, source: source) }
}
