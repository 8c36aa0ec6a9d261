import ClauseDiagnostics

/// Where an expression sits in a file, so that offsets inside it map to file lines and columns.
///
/// For an expression taken from a YAML scalar, pass the scalar's start mark and style: quoted
/// scalars start one column after the mark; a literal (`|`) or folded (`>`) block's content
/// starts on the line after the mark, at `blockIndentation`.
public struct ExpressionOrigin: Sendable, Hashable {
    /// How the expression was written in its file: the YAML scalar style of its text.
    public typealias Style = ScalarSpan.Style

    /// The file name used in diagnostics.
    public var file: String
    /// Where the scalar holding the expression starts (its indicator or quote, for quoted and block scalars).
    public var mark: SourceMark
    /// The scalar's style.
    public var style: Style
    /// The 1-based column where a block scalar's content lines start (default: the mark's column).
    public var blockIndentation: Int?

    /// An origin; `blockIndentation` matters only for block scalars.
    public init(file: String, mark: SourceMark, style: Style = .plain, blockIndentation: Int? = nil) {
        self.file = file
        self.mark = mark
        self.style = style
        self.blockIndentation = blockIndentation
    }

    /// The 1-based line and column (in Unicode scalars) of a byte offset inside `source`.
    static func lineColumn(of offset: Int, in source: String) -> (line: Int, column: Int) {
        var line = 1, column = 1
        var i = 0
        for u in source.unicodeScalars {
            if i >= offset { break }
            i += UTF8.width(u)
            if u == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }

    /// The file location of byte `offset` inside the expression `source`.
    public func location(of offset: Int, in source: String) -> SourceLocation {
        let (k, c) = Self.lineColumn(of: offset, in: source)
        let base = Int(mark.line), col = Int(mark.column)
        switch style {
        case .plain, .singleQuoted, .doubleQuoted:
            let shift = style == .plain ? 0 : 1
            if k == 1 { return SourceLocation(file: file, line: base, column: col + shift + c - 1) }
            return SourceLocation(file: file, line: base + k - 1, column: (blockIndentation ?? 1) + c - 1)
        case .literal, .folded:
            return SourceLocation(file: file, line: base + k, column: (blockIndentation ?? col) + c - 1)
        }
    }
}
