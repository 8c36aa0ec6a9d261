/// A 1-based line and column inside one source file.
///
/// Columns count Unicode scalars, as libyaml does, so a mark means the same thing whether it came
/// from the YAML or the JSON reader. Kept to 8 bytes because every loaded value carries one.
public struct SourceMark: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// 1-based line; 0 for a value with no place in a file.
    public var line: UInt32
    /// 1-based column, counted in Unicode scalars; 0 for a value with no place in a file.
    public var column: UInt32

    /// Makes a mark, clamping numbers outside the range of `UInt32` rather than trapping.
    public init(line: Int, column: Int) {
        self.line = UInt32(clamping: line)
        self.column = UInt32(clamping: column)
    }

    /// The mark of a value that has no place in a file (built at run time).
    public static let none = SourceMark(line: 0, column: 0)

    /// Whether the mark points into a file (it is not `none`), so that its line can be quoted.
    public var isKnown: Bool { line > 0 }

    /// Orders by line, then column.
    public static func < (lhs: SourceMark, rhs: SourceMark) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    /// `line:column`, as messages print it.
    public var description: String { "\(line):\(column)" }
}
