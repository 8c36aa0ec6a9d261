internal import CYAML
import ClauseDiagnostics
import ClauseValue

/// Builds values straight from libyaml's event stream, with YAML 1.2 core-schema resolution,
/// anchors, aliases and merge keys, and the checks libyaml leaves to its caller: duplicate keys,
/// nesting depth and alias expansion.
struct YAMLLoader {
    let source: SourceText
    let options: LoadOptions

    /// A list or map under construction. Its elements sit on the loader's shared stacks from
    /// `start` on, so building a container allocates its final arrays once, at the right size.
    private struct Frame {
        enum Kind { case sequence, mapping }
        var kind: Kind
        /// Written in flow style (`[...]`, `{...}`) rather than block style.
        var isFlow = false
        var anchor: String?
        var mark: SourceMark
        var start: Int
        /// Nodes in this subtree once aliases are expanded: the measure of an alias bomb.
        var expandedCount = 1
        /// Container levels below this one, aliases expanded: an alias inserts a subtree whose
        /// own depth must count, or anchors nesting each other would build values far deeper
        /// than the limit (and overflow the stack of whatever walks them).
        var height = 0
        /// Mapping state: the next value completes a `<<` merge entry.
        var pendingIsMerge = false
        var merges: [(Value, SourceMark)] = []
        var keyIndex: [Value: Int]?

        init(kind: Kind, anchor: String?, mark: SourceMark, start: Int) {
            self.kind = kind
            self.anchor = anchor
            self.mark = mark
            self.start = start
        }
    }

    private struct Anchored {
        var value: Value
        var expandedCount: Int
        /// Container levels of the value (0 for a scalar).
        var height = 0
    }

    /// The parse in progress: open containers and the values they hold so far.
    private struct Builder {
        var frames: [Frame] = []
        var stack = ValueStack()
        var root: Value?
        var rootMark = SourceMark.none
        /// Whether the last value put in the root container was a block sequence: a file cut
        /// in the middle of one continues it in its second half.
        var rootEndsWithBlockList = false

        /// Finds where a key already stands in mapping `frame`; builds a hash index for big mappings.
        mutating func positionOfKey(_ key: Value, frame: Int) -> Int? {
            let start = frames[frame].start
            let end = stack.count
            if frames[frame].keyIndex == nil && end - start >= 32 {
                var index: [Value: Int] = [:]
                for i in stride(from: start, to: end, by: 2) { index[stack[i]] = i }
                frames[frame].keyIndex = index
            }
            if frames[frame].keyIndex != nil {
                if let found = frames[frame].keyIndex?[key] { return found }
                frames[frame].keyIndex?[key] = end
                return nil
            }
            if case .string(let s) = key {
                for i in stride(from: start, to: end, by: 2) {
                    if case .string(let k) = stack[i], k == s { return i }
                }
                return nil
            }
            for i in stride(from: start, to: end, by: 2) where stack[i] == key { return i }
            return nil
        }

        /// Whether the innermost open mapping waits for a key (rather than a value).
        var expectsKey: Bool {
            guard let top = frames.last, top.kind == .mapping else { return false }
            return (stack.count - top.start) % 2 == 0 && !top.pendingIsMerge
        }
    }

    /// Which half of a file cut in two this loader reads (`loadHalves`); nil for a whole file.
    enum Half { case first, second }
    var half: Half?
    /// Added to every line number: the lines before the second half.
    var lineOffset = 0

    init(source: SourceText, options: LoadOptions) {
        self.source = source
        self.options = options
    }

    /// What one parse produced, and where libyaml's stream ended.
    struct Parsed {
        var documents: [Document]
        var end: SourceMark
        /// The last document's root mapping ends with a block sequence (`Builder`).
        var endsWithBlockList = false
    }

    /// Parses the source's bytes, or `mapped`, the memory map of a large file (whose passed pages
    /// are handed back, so it is never held in memory whole).
    func load(mapped: MappedFile? = nil) throws(DocumentError) -> [Document] {
        let documents: [Document]
        if let mapped {
            documents = try load(mapped.buffer, mapped: mapped)
        } else {
            documents = try source.bytes.withUnsafeBufferPointer { buffer in
                Result { () throws(DocumentError) in try load(buffer, mapped: nil) }
            }.get()
        }
        if documents.isEmpty && !options.allowEmpty {
            throw DocumentError(.empty, at: location(SourceMark(line: 1, column: 1)), "the file holds no document", source: source)
        }
        return documents
    }

    private func load(_ bytes: UnsafeBufferPointer<UInt8>, mapped: MappedFile?) throws(DocumentError) -> [Document] {
        // Recorded scalars (small files: packs, manifests) are kept in one pass, not joined from halves.
        if options.parallel, !options.recordScalars, let split = YAMLSplit.find(in: bytes), let documents = loadHalves(bytes, split, mapped: mapped) {
            return documents
        }
        return try parse(YAMLInput(bytes: bytes, range: 0..<bytes.count, mapped: mapped)).documents
    }

    func parse(_ input: YAMLInput) throws(DocumentError) -> Parsed {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) != 0 else {
            throw DocumentError(.io, at: SourceLocation(file: source.name, mark: .none), "libyaml could not allocate a parser", source: nil)
        }
        defer { yaml_parser_delete(parser) }
        input.attach(to: parser)
        return try withExtendedLifetime(input) { () throws(DocumentError) in try run(parser) }
    }

    private func run(_ parser: UnsafeMutablePointer<yaml_parser_t>) throws(DocumentError) -> Parsed {
        var documents: [Document] = []
        var builder = Builder()
        var anchors: [String: Anchored] = [:]
        var scalars: [SourceMark: ScalarSpan] = [:]
        var cursor = ScalarCursor()
        var documentMark = SourceMark.none
        var aliasExpanded = 0
        var events = 0
        var event = yaml_event_t()

        while true {
            guard yaml_parser_parse(parser, &event) != 0 else {
                throw parserError(parser.pointee)
            }
            defer { yaml_event_delete(&event) }
            events += 1
            let mark = self.mark(event.start_mark)
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return Parsed(documents: documents, end: mark, endsWithBlockList: builder.rootEndsWithBlockList)
            case YAML_DOCUMENT_START_EVENT:
                if half != nil && !documents.isEmpty {
                    // A cut file's halves are joined only when each holds one document.
                    throw DocumentError(.syntax, at: location(mark), "a second document in a cut file", source: source)
                }
                anchors.removeAll(keepingCapacity: true)
                builder.root = nil
                documentMark = mark
                aliasExpanded = 0
            case YAML_DOCUMENT_END_EVENT:
                let root = builder.root
                var text = source
                text.scalars = scalars
                documents.append(Document(source: text, root: root ?? .null, rootMark: root == nil ? documentMark : builder.rootMark, index: documents.count))
            case YAML_ALIAS_EVENT:
                if half == .second {
                    // Its anchor may sit in the first half, and the alias-bomb measure counts
                    // from the top of the file: the file is parsed in one piece instead.
                    throw DocumentError(.undefinedAlias, at: location(mark), "an alias in the second half of a cut file", source: source)
                }
                let name = String(cString: event.data.alias.anchor)
                guard let anchored = anchors[name] else {
                    throw DocumentError(.undefinedAlias, at: location(mark), "undefined alias '\(name)'", source: source)
                }
                if builder.frames.count + anchored.height > options.maxDepth {
                    throw DocumentError(.tooDeep, at: location(mark), "alias '\(name)' nests deeper than \(options.maxDepth) levels", source: source)
                }
                aliasExpanded += anchored.expandedCount
                let limit = max(options.maxAliasExpansion, options.aliasExpansionRatio * events)
                if aliasExpanded > limit {
                    throw DocumentError(
                        .aliasExpansion, at: location(mark),
                        "aliases expand to more than \(limit) nodes; refusing a document that looks like an alias bomb",
                        source: source)
                }
                try add(anchored.value, expandedCount: anchored.expandedCount, height: anchored.height, mark: mark, to: &builder)
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let buffer = UnsafeBufferPointer(start: scalar.value, count: scalar.length)
                var value: Value
                if let tagPointer = scalar.tag, !(tagPointer[0] == UInt8(ascii: "!") && tagPointer[1] == 0) {
                    let tag = String(cString: tagPointer)
                    let text = String(decoding: buffer, as: UTF8.self)
                    guard let resolved = YAMLScalarResolver.resolve(text, tag: tag) else {
                        throw DocumentError(.tagMismatch, at: location(mark), "'\(text)' is not a valid \(Self.shortTag(tag))", source: source)
                    }
                    value = resolved
                } else if scalar.plain_implicit != 0 && scalar.tag == nil {
                    value = YAMLScalarResolver.resolvePlain(buffer)
                    if buffer.count == 2, buffer[0] == UInt8(ascii: "<"), buffer[1] == UInt8(ascii: "<"), builder.expectsKey {
                        if half != nil && builder.frames.count == 1 {
                            // A merge into the root mapping reaches across the cut.
                            throw DocumentError(.invalidMerge, at: location(mark), "a root merge key in a cut file", source: source)
                        }
                        builder.frames[builder.frames.count - 1].pendingIsMerge = true
                        continue
                    }
                } else {
                    value = .string(String(decoding: buffer, as: UTF8.self))
                }
                if let anchor = scalar.anchor {
                    anchors[String(cString: anchor)] = Anchored(value: value, expandedCount: 1)
                }
                if options.recordScalars {
                    scalars[mark] = span(scalar, at: mark, end: self.mark(event.end_mark), cursor: &cursor)
                }
                try add(value, expandedCount: 1, height: 0, mark: mark, to: &builder)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                if builder.frames.count >= options.maxDepth {
                    throw DocumentError(.tooDeep, at: location(mark), "nesting deeper than \(options.maxDepth) levels", source: source)
                }
                let isSequence = event.type == YAML_SEQUENCE_START_EVENT
                let anchorPointer = isSequence ? event.data.sequence_start.anchor : event.data.mapping_start.anchor
                let tagPointer = isSequence ? event.data.sequence_start.tag : event.data.mapping_start.tag
                if let tag = tagPointer.map({ String(cString: $0) }), tag.hasPrefix(YAMLScalarResolver.tagPrefix) {
                    // Only the core schema's tags are checked; others (`!!set`, `!!omap`) leave
                    // the node as it is written.
                    let name = tag.dropFirst(YAMLScalarResolver.tagPrefix.count)
                    let coreTags: Set<Substring> = ["seq", "map", "str", "int", "float", "bool", "null"]
                    if coreTags.contains(name), name != (isSequence ? "seq" : "map") {
                        throw DocumentError(.tagMismatch, at: location(mark), "a \(isSequence ? "sequence" : "mapping") cannot be a \(Self.shortTag(tag))", source: source)
                    }
                }
                var frame = Frame(
                    kind: isSequence ? .sequence : .mapping, anchor: anchorPointer.map { String(cString: $0) },
                    mark: mark, start: builder.stack.count)
                frame.isFlow = isSequence ? event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
                    : event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
                builder.frames.append(frame)
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let frame = builder.frames.popLast() else { continue }
                let value: Value
                if frame.kind == .sequence {
                    value = .list(builder.stack.popList(from: frame.start))
                } else {
                    value = try finishMapping(frame, &builder)
                }
                if let anchor = frame.anchor {
                    anchors[anchor] = Anchored(value: value, expandedCount: frame.expandedCount, height: frame.height + 1)
                }
                try add(value, expandedCount: frame.expandedCount, height: frame.height + 1, mark: frame.mark, to: &builder,
                        blockList: frame.kind == .sequence && !frame.isFlow)
            default:
                break
            }
        }
    }

    /// Adds a finished node to the innermost open container, or makes it the document's root.
    private func add(_ value: Value, expandedCount: Int, height: Int, mark: SourceMark, to builder: inout Builder, blockList: Bool = false) throws(DocumentError) {
        let top = builder.frames.count - 1
        guard top >= 0 else {
            builder.root = value
            builder.rootMark = mark
            return
        }
        if top == 0 { builder.rootEndsWithBlockList = blockList }
        builder.frames[top].expandedCount &+= expandedCount
        if height > builder.frames[top].height { builder.frames[top].height = height }
        if builder.frames[top].kind == .mapping {
            if builder.frames[top].pendingIsMerge {
                builder.frames[top].pendingIsMerge = false
                builder.frames[top].merges.append((value, mark))
                return
            }
            if (builder.stack.count - builder.frames[top].start) % 2 == 0,
               let previous = builder.positionOfKey(value, frame: top) {
                throw DocumentError(
                    .duplicateKey, at: location(mark),
                    "duplicate key \(Self.describe(value)) in mapping",
                    notes: ["first defined at \(location(builder.stack.mark(at: previous)))"], source: source)
            }
        }
        builder.stack.push(value, mark)
    }

    /// Builds the map of a finished mapping, applying `<<` merge keys: keys written in the
    /// mapping win, then earlier merged maps.
    private func finishMapping(_ frame: Frame, _ builder: inout Builder) throws(DocumentError) -> Value {
        var entries = builder.stack.popEntries(from: frame.start)
        if frame.merges.isEmpty {
            return .map(ValueMap(entries: entries, hasMarks: true))
        }
        var seen = Set(entries.map(\.key))
        func merge(_ value: Value, _ mark: SourceMark) throws(DocumentError) {
            guard case .map(let map) = value else {
                throw DocumentError(.invalidMerge, at: location(mark), "a merge key '<<' takes a mapping or a list of mappings", source: source)
            }
            for entry in map.entries where !seen.contains(entry.key) {
                seen.insert(entry.key)
                entries.append(entry)
            }
        }
        for (value, mark) in frame.merges {
            if case .list(let list) = value {
                for i in 0..<list.count { try merge(list[i], list.mark(at: i)) }
            } else {
                try merge(value, mark)
            }
        }
        return .map(ValueMap(entries: entries, hasMarks: true))
    }

    private func location(_ mark: SourceMark) -> SourceLocation {
        SourceLocation(file: source.name, mark: mark)
    }

    /// A scalar's style and extent. Its event starts at its anchor or tag when it has one: the
    /// scalar itself starts after them (and the spaces or line breaks that follow them).
    private func span(_ scalar: yaml_event_s.__Unnamed_union_data.__Unnamed_struct_scalar, at mark: SourceMark, end: SourceMark,
                      cursor: inout ScalarCursor) -> ScalarSpan {
        let style: ScalarSpan.Style = switch scalar.style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
        guard scalar.anchor != nil || scalar.tag != nil else { return ScalarSpan(style: style, start: mark, end: end) }
        return ScalarSpan(style: style, start: cursor.textStart(after: mark, in: source.bytes), end: end)
    }

    private func mark(_ mark: yaml_mark_t) -> SourceMark {
        SourceMark(line: Int(mark.line) + 1 + lineOffset, column: Int(mark.column) + 1)
    }

    private static func shortTag(_ tag: String) -> String {
        tag.hasPrefix(YAMLScalarResolver.tagPrefix) ? "!!" + tag.dropFirst(YAMLScalarResolver.tagPrefix.count) : tag
    }

    static func describe(_ key: Value) -> String {
        if case .string(let s) = key { return "'\(s)'" }
        return "'\(JSONWriter.string(key))'"
    }

    /// Renders libyaml's own reader, scanner and parser errors at the place libyaml names.
    private func parserError(_ parser: yaml_parser_t) -> DocumentError {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        switch parser.error {
        case YAML_READER_ERROR:
            let offset = Int(parser.problem_offset)
            var message = problem
            if parser.problem_value != -1 {
                message += " (byte 0x\(String(UInt8(truncatingIfNeeded: parser.problem_value), radix: 16)))"
            }
            if message.hasPrefix("invalid") || message.contains("UTF-8") || message.contains("UTF-16") {
                message = "invalid UTF-8: " + message
            }
            return DocumentError(.encoding, at: location(Self.markOfOffset(offset, in: source.contents)), message, source: source)
        case YAML_MEMORY_ERROR:
            return DocumentError(.io, at: location(.none), "libyaml ran out of memory", source: source)
        default:
            var notes: [String] = []
            if let context = parser.context.map({ String(cString: $0) }) {
                notes.append("\(context) at \(location(mark(parser.context_mark)))")
            }
            return DocumentError(.syntax, at: location(mark(parser.problem_mark)), problem, notes: notes, source: source)
        }
    }

    /// Line and column (in scalars) of a byte offset; only used on the error path.
    static func markOfOffset(_ offset: Int, in bytes: [UInt8]) -> SourceMark {
        var line = 1
        var column = 1
        var i = 0
        let end = min(offset, bytes.count)
        while i < end {
            let b = bytes[i]
            if b == 0x0A {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        return SourceMark(line: line, column: column)
    }
}
