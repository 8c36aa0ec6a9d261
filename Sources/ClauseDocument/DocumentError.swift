import ClauseDiagnostics

/// Why a file could not be loaded; always carries where in the file the problem is.
public struct DocumentError: Error, Sendable, CustomStringConvertible {
    /// The kinds mirror the stages that can fail: reading, libyaml, our own checks.
    public enum Kind: String, Sendable {
        /// The file could not be read (missing, a directory, unreadable), or libyaml ran out of memory.
        case io
        /// The bytes are not valid UTF-8.
        case encoding
        /// The text is not well-formed YAML or JSON.
        case syntax
        /// A mapping repeats a key (in JSON only while `LoadOptions.rejectDuplicateKeys` is set).
        case duplicateKey
        /// A YAML tag the node cannot have: `abc` tagged `!!int`, a mapping tagged `!!str`.
        case tagMismatch
        /// A YAML alias whose anchor is not defined before it.
        case undefinedAlias
        /// Aliases expand past `LoadOptions`' limits, as in an alias bomb.
        case aliasExpansion
        /// Lists and maps nest deeper than `LoadOptions.maxDepth`.
        case tooDeep
        /// A YAML merge key `<<` whose value is not a mapping or a list of mappings.
        case invalidMerge
        /// The file holds no document, and `LoadOptions.allowEmpty` does not permit that.
        case empty
    }

    /// Which stage failed, so callers and tests can tell problems apart without reading the message.
    public let kind: Kind
    /// The error as a located message with its notes, ready to render.
    public let diagnostic: Diagnostic
    /// The file's text, so the message can quote the line; nil when the file could not be read.
    public let source: SourceText?

    /// Makes an error at `location`; `notes` add lines of explanation after the message.
    public init(_ kind: Kind, at location: SourceLocation, _ message: String, notes: [String] = [], source: SourceText?) {
        self.kind = kind
        self.diagnostic = Diagnostic(.error, at: location, message, notes: notes)
        self.source = source
    }

    /// Where in the file the problem is.
    public var location: SourceLocation { diagnostic.location }
    /// The problem in words, without its location.
    public var message: String { diagnostic.message }

    /// `file:line:col: error: message`, the source line and a caret.
    public var rendered: String { diagnostic.rendered(source: source) }

    /// The rendered message, so printing the error shows the source line and a caret.
    public var description: String { rendered }

    /// The same problem as a `DiagnosticError`, for callers that gather problems from many files.
    public var diagnosticError: DiagnosticError { DiagnosticError(diagnostic, source: source) }
}
