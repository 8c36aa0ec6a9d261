/// How a YAML scalar is written, and where its text starts and ends: what libyaml reports while
/// parsing, kept (when a loader is asked to) so that an expression written in a file is located
/// exactly, whatever its quoting, and after any anchor or tag before it.
public struct ScalarSpan: Sendable, Hashable {
    /// The YAML scalar styles.
    public enum Style: Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    /// How the scalar is written.
    public var style: Style
    /// Where the scalar itself begins: its opening quote or block indicator, or its first
    /// character when plain; after any anchor and tag.
    public var start: SourceMark
    /// Just after the scalar's last character (after the closing quote).
    public var end: SourceMark

    /// A span as the loader records it.
    public init(style: Style, start: SourceMark, end: SourceMark) {
        self.style = style
        self.start = start
        self.end = end
    }
}
