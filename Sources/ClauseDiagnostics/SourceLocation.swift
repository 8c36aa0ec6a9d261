/// A mark in a named file: what a message points the user at.
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var file: String
    public var mark: SourceMark

    public init(file: String, mark: SourceMark) {
        self.file = file
        self.mark = mark
    }

    public init(file: String, line: Int, column: Int) {
        self.init(file: file, mark: SourceMark(line: line, column: column))
    }

    public var line: Int { Int(mark.line) }
    public var column: Int { Int(mark.column) }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.mark) < (rhs.file, rhs.mark)
    }

    /// `file:line:col`, or just the file when the mark is unknown.
    public var description: String {
        mark.isKnown ? "\(file):\(mark.line):\(mark.column)" : file
    }
}
