import ClauseDiagnostics
import ClauseValue

/// One document of a loaded file: its root value, where it starts, and the file's text.
///
/// A YAML stream yields one `Document` per `---` section; a JSON file yields exactly one.
public struct Document: Sendable {
    /// The file the document came from, kept so messages can quote lines of it.
    public let source: SourceText
    public let root: Value
    public let rootMark: SourceMark
    /// 0-based position of the document in its stream.
    public let index: Int

    public init(source: SourceText, root: Value, rootMark: SourceMark, index: Int) {
        self.source = source
        self.root = root
        self.rootMark = rootMark
        self.index = index
    }

    /// The file name used in every location that points into this document.
    public var fileName: String { source.name }
}
