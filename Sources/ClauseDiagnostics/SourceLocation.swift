/// A mark in a named file: what a message points the user at.
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The file's name as messages print it.
    public var file: String
    /// The line and column in `file`; `SourceMark.none` when the place is unknown.
    public var mark: SourceMark

    /// Makes a location from a mark read with the value, as loaders have one.
    public init(file: String, mark: SourceMark) {
        self.file = file
        self.mark = mark
    }

    /// Makes a location from plain numbers, as findings and waivers store them.
    public init(file: String, line: Int, column: Int) {
        self.init(file: file, mark: SourceMark(line: line, column: column))
    }

    /// 1-based line, or 0 when unknown.
    public var line: Int { Int(mark.line) }
    /// 1-based column in Unicode scalars, or 0 when unknown.
    public var column: Int { Int(mark.column) }

    /// Orders by file name, then by place in the file.
    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.mark) < (rhs.file, rhs.mark)
    }

    /// `file:line:col`, or just the file when the mark is unknown.
    public var description: String {
        mark.isKnown ? "\(file):\(mark.line):\(mark.column)" : file
    }
}
