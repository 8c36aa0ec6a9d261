/// Limits that keep hostile input from exhausting time or memory, and format choices.
public struct LoadOptions: Sendable {
    /// How a file's bytes are to be read.
    public enum Format: Sendable {
        /// `.json` files are JSON, anything else YAML.
        case auto
        /// YAML, whatever the file's name.
        case yaml
        /// JSON, whatever the file's name.
        case json
    }

    /// How to read the bytes; `.auto` decides by the file name.
    public var format: Format = .auto
    /// Deepest nesting of lists and maps accepted; deeper input is rejected as soon as it is seen.
    public var maxDepth: Int = 512
    /// How many nodes aliases may add on top of the nodes written in the file, and at least this
    /// many times the file's own nodes; past it the document is taken for an alias bomb.
    public var maxAliasExpansion: Int = 1_000_000
    /// Aliases may also add this many times the file's own nodes, when more than `maxAliasExpansion`.
    public var aliasExpansionRatio: Int = 10
    /// Whether a stream with no document is accepted (the YAML test suite has such streams;
    /// a snapshot or rule file never is one).
    public var allowEmpty: Bool = false
    /// Whether a JSON file may hold several values one after another (a JSON stream).
    public var allowJSONStream: Bool = false
    /// Whether each YAML scalar's style and extent are recorded (`SourceText.scalars`): for
    /// files whose strings are expressions to locate, not for snapshots.
    public var recordScalars: Bool = false

    /// Whether a JSON object may repeat a name. RFC 8259 only says names "SHOULD be unique" and
    /// JSONTestSuite counts repeats as valid, but a snapshot whose meaning depends on which copy
    /// wins is ambiguous evidence, so Clause rejects them unless asked not to.
    public var rejectDuplicateKeys: Bool = true

    /// Files larger than this are not held in memory: JSON is read through a memory map and
    /// YAML streamed to libyaml, and a line is read again from disk if a message quotes it.
    public var keepSourceLimit: Int = 4 << 20

    /// Whether a large JSON array may be parsed on both cores (the result is the same either way).
    public var parallel: Bool = true

    /// Options with every default; set fields afterwards to change them.
    public init() {}
}
