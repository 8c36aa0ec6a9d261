import ClauseDiagnostics
import ClauseValue

/// One document of a loaded file: its root value, where it starts, and the file's text.
///
/// A YAML stream yields one `Document` per `---` section; a JSON file yields exactly one.
public struct Document: Sendable {
    /// The file the document came from, kept so messages can quote lines of it.
    public let source: SourceText
    /// The value the document holds, from its top-level node down.
    public let root: Value
    /// Where the top-level value starts in the file, for messages about the document as a whole.
    public let rootMark: SourceMark
    /// 0-based position of the document in its stream.
    public let index: Int

    /// For a snapshot assembled from several files (a manifest's exports): the file each
    /// top-level section's marks point into. Sections not named here are in `source`.
    public var sectionFiles: [String: String] = [:]
    /// For a section whose records come from a file each (a folder of Markdown documents): the
    /// file of each record, by position.
    public var recordFiles: [String: [String]] = [:]
    /// Bytes of input behind the document (all its files), which decides whether evaluating
    /// it is worth both cores.
    public var contentSize: Int

    /// Makes a document; `contentSize` starts as the size of `source` alone.
    public init(source: SourceText, root: Value, rootMark: SourceMark, index: Int) {
        self.source = source
        self.root = root
        self.rootMark = rootMark
        self.index = index
        self.contentSize = source.size
    }

    /// The file name used in every location that points into this document.
    public var fileName: String { source.name }

    /// The file a location at `path` (`incidents[3].priority`) points into: its section's.
    public func fileName(at path: String?) -> String {
        guard let path, !sectionFiles.isEmpty || !recordFiles.isEmpty else { return fileName }
        let section = String(path.prefix { $0 != "." && $0 != "[" })
        if let files = recordFiles[section], path.dropFirst(section.count).first == "[",
           let index = Int(path.dropFirst(section.count + 1).prefix { $0 != "]" }), files.indices.contains(index) {
            return files[index]
        }
        return sectionFiles[section] ?? fileName
    }
}
