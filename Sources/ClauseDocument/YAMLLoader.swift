internal import CYAML
import ClauseDiagnostics
import ClauseValue

/// Builds values straight from libyaml's event stream, with YAML 1.2 core-schema resolution,
/// anchors, aliases and merge keys, and the checks libyaml leaves to its caller: duplicate keys,
/// nesting depth and alias expansion.
struct YAMLLoader {
    let source: SourceText
    let options: LoadOptions

    /// A list or map under construction.
    private struct Frame {
        enum Kind { case sequence, mapping }
        var kind: Kind
        var anchor: String?
        var tag: String?
        var mark: SourceMark
        /// Nodes in this subtree once aliases are expanded: the measure of an alias bomb.
        var expandedCount = 1
        var elements: [Value] = []
        var marks: [SourceMark] = []
        // Mapping state.
        var keyMarks: [SourceMark] = []
        var pendingKey: Value?
        var pendingKeyMark = SourceMark.none
        var pendingIsMerge = false
        var merges: [(Value, SourceMark)] = []
        var keyIndex: [Value: Int]?
        var keys: [Value] = []
    }

    private struct Anchored {
        var value: Value
        var expandedCount: Int
    }

    func load() throws(DocumentError) -> [Document] {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) != 0 else {
            throw DocumentError(.io, at: SourceLocation(file: source.name, mark: .none), "libyaml could not allocate a parser", source: nil)
        }
        defer { yaml_parser_delete(parser) }
        let result: Result<[Document], DocumentError> = source.bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(parser, buffer.baseAddress, buffer.count)
            do throws(DocumentError) {
                return .success(try run(parser))
            } catch {
                return .failure(error)
            }
        }
        let documents = try result.get()
        if documents.isEmpty && !options.allowEmpty {
            throw DocumentError(.empty, at: location(SourceMark(line: 1, column: 1)), "the file holds no document", source: source)
        }
        return documents
    }

    private func run(_ parser: UnsafeMutablePointer<yaml_parser_t>) throws(DocumentError) -> [Document] {
        var documents: [Document] = []
        var stack: [Frame] = []
        var anchors: [String: Anchored] = [:]
        var root: Value?
        var rootMark = SourceMark.none
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
            let mark = Self.mark(event.start_mark)
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return documents
            case YAML_DOCUMENT_START_EVENT:
                anchors.removeAll(keepingCapacity: true)
                root = nil
                documentMark = mark
                aliasExpanded = 0
            case YAML_DOCUMENT_END_EVENT:
                documents.append(Document(source: source, root: root ?? .null, rootMark: root == nil ? documentMark : rootMark, index: documents.count))
            case YAML_ALIAS_EVENT:
                let name = String(cString: event.data.alias.anchor)
                guard let anchored = anchors[name] else {
                    throw DocumentError(.undefinedAlias, at: location(mark), "undefined alias '\(name)'", source: source)
                }
                aliasExpanded += anchored.expandedCount
                let limit = max(options.maxAliasExpansion, options.aliasExpansionRatio * events)
                if aliasExpanded > limit {
                    throw DocumentError(
                        .aliasExpansion, at: location(mark),
                        "aliases expand to more than \(limit) nodes; refusing a document that looks like an alias bomb",
                        source: source)
                }
                try add(anchored.value, expandedCount: anchored.expandedCount, mark: mark, to: &stack, root: &root, rootMark: &rootMark)
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let buffer = UnsafeBufferPointer(start: scalar.value, count: scalar.length)
                let tag = scalar.tag.map { String(cString: $0) }
                var value: Value
                if let tag, tag != "!" {
                    let text = String(decoding: buffer, as: UTF8.self)
                    guard let resolved = YAMLScalarResolver.resolve(text, tag: tag) else {
                        throw DocumentError(.tagMismatch, at: location(mark), "'\(text)' is not a valid \(Self.shortTag(tag))", source: source)
                    }
                    value = resolved
                } else if scalar.plain_implicit != 0 && tag == nil {
                    value = YAMLScalarResolver.resolvePlain(buffer)
                    if case .string(let s) = value, s == "<<", case .mapping? = stack.last?.kind, stack.last?.pendingKey == nil {
                        stack[stack.count - 1].pendingIsMerge = true
                        stack[stack.count - 1].pendingKey = .string(s)
                        stack[stack.count - 1].pendingKeyMark = mark
                        continue
                    }
                } else {
                    value = .string(String(decoding: buffer, as: UTF8.self))
                }
                if let anchor = scalar.anchor {
                    anchors[String(cString: anchor)] = Anchored(value: value, expandedCount: 1)
                }
                try add(value, expandedCount: 1, mark: mark, to: &stack, root: &root, rootMark: &rootMark)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                if stack.count >= options.maxDepth {
                    throw DocumentError(.tooDeep, at: location(mark), "nesting deeper than \(options.maxDepth) levels", source: source)
                }
                let isSequence = event.type == YAML_SEQUENCE_START_EVENT
                let anchorPointer = isSequence ? event.data.sequence_start.anchor : event.data.mapping_start.anchor
                let tagPointer = isSequence ? event.data.sequence_start.tag : event.data.mapping_start.tag
                var frame = Frame(kind: isSequence ? .sequence : .mapping, mark: mark)
                frame.anchor = anchorPointer.map { String(cString: $0) }
                frame.tag = tagPointer.map { String(cString: $0) }
                if let tag = frame.tag, tag.hasPrefix(YAMLScalarResolver.tagPrefix) {
                    // Only the core schema's tags are checked; others (`!!set`, `!!omap`) leave
                    // the node as it is written.
                    let name = tag.dropFirst(YAMLScalarResolver.tagPrefix.count)
                    let coreTags: Set<Substring> = ["seq", "map", "str", "int", "float", "bool", "null"]
                    if coreTags.contains(name), name != (isSequence ? "seq" : "map") {
                        throw DocumentError(.tagMismatch, at: location(mark), "a \(isSequence ? "sequence" : "mapping") cannot be a \(Self.shortTag(tag))", source: source)
                    }
                }
                stack.append(frame)
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let frame = stack.popLast() else { continue }
                let value: Value
                if frame.kind == .sequence {
                    value = .list(ValueList(frame.elements, marks: frame.marks))
                } else {
                    value = try finishMapping(frame)
                }
                if let anchor = frame.anchor {
                    anchors[anchor] = Anchored(value: value, expandedCount: frame.expandedCount)
                }
                try add(value, expandedCount: frame.expandedCount, mark: frame.mark, to: &stack, root: &root, rootMark: &rootMark)
            default:
                break
            }
        }
    }

    /// Adds a finished node to the innermost open container, or makes it the document's root.
    private func add(_ value: Value, expandedCount: Int, mark: SourceMark, to stack: inout [Frame], root: inout Value?, rootMark: inout SourceMark) throws(DocumentError) {
        guard !stack.isEmpty else {
            root = value
            rootMark = mark
            return
        }
        let top = stack.count - 1
        stack[top].expandedCount &+= expandedCount
        if stack[top].kind == .sequence {
            stack[top].elements.append(value)
            stack[top].marks.append(mark)
            return
        }
        guard let key = stack[top].pendingKey else {
            stack[top].pendingKey = value
            stack[top].pendingKeyMark = mark
            return
        }
        let keyMark = stack[top].pendingKeyMark
        stack[top].pendingKey = nil
        if stack[top].pendingIsMerge {
            stack[top].pendingIsMerge = false
            stack[top].merges.append((value, mark))
            return
        }
        if let previous = position(of: key, in: &stack[top]) {
            let first = stack[top].keyMarks[previous]
            throw DocumentError(
                .duplicateKey, at: location(keyMark),
                "duplicate key \(Self.describe(key)) in mapping",
                notes: ["first defined at \(location(first))"], source: source)
        }
        stack[top].keys.append(key)
        stack[top].keyMarks.append(keyMark)
        stack[top].elements.append(value)
        stack[top].marks.append(mark)
    }

    /// Finds a key already in the mapping; builds a hash index once the mapping grows.
    private func position(of key: Value, in frame: inout Frame) -> Int? {
        if frame.keyIndex == nil && frame.keys.count >= 16 {
            var index: [Value: Int] = [:]
            for (i, k) in frame.keys.enumerated() { index[k] = i }
            frame.keyIndex = index
        }
        if frame.keyIndex != nil {
            if let found = frame.keyIndex?[key] { return found }
            frame.keyIndex?[key] = frame.keys.count
            return nil
        }
        if case .string(let s) = key {
            for i in 0..<frame.keys.count {
                if case .string(let k) = frame.keys[i], k == s { return i }
            }
            return nil
        }
        return frame.keys.firstIndex(of: key)
    }

    /// Applies `<<` merge keys: keys written in the mapping win, then earlier merged maps.
    private func finishMapping(_ frame: Frame) throws(DocumentError) -> Value {
        if frame.merges.isEmpty {
            return .map(ValueMap(keys: frame.keys, values: frame.elements, marks: frame.marks, keyMarks: frame.keyMarks))
        }
        var keys = frame.keys
        var values = frame.elements
        var marks = frame.marks
        var keyMarks = frame.keyMarks
        var seen = Set(keys)
        func merge(_ value: Value, _ mark: SourceMark) throws(DocumentError) {
            guard case .map(let map) = value else {
                throw DocumentError(.invalidMerge, at: location(mark), "a merge key '<<' takes a mapping or a list of mappings", source: source)
            }
            for i in 0..<map.count where !seen.contains(map.keys[i]) {
                seen.insert(map.keys[i])
                keys.append(map.keys[i])
                values.append(map.values[i])
                marks.append(map.mark(at: i))
                keyMarks.append(i < map.keyMarks.count ? map.keyMarks[i] : map.mark(at: i))
            }
        }
        for (value, mark) in frame.merges {
            if case .list(let list) = value {
                for i in 0..<list.count { try merge(list[i], list.mark(at: i)) }
            } else {
                try merge(value, mark)
            }
        }
        return .map(ValueMap(keys: keys, values: values, marks: marks, keyMarks: keyMarks))
    }

    private func location(_ mark: SourceMark) -> SourceLocation {
        SourceLocation(file: source.name, mark: mark)
    }

    private static func mark(_ mark: yaml_mark_t) -> SourceMark {
        SourceMark(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
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
            return DocumentError(.encoding, at: location(Self.markOfOffset(offset, in: source.bytes)), message, source: source)
        case YAML_MEMORY_ERROR:
            return DocumentError(.io, at: location(.none), "libyaml ran out of memory", source: source)
        default:
            var notes: [String] = []
            if let context = parser.context.map({ String(cString: $0) }) {
                notes.append("\(context) at \(location(Self.mark(parser.context_mark)))")
            }
            return DocumentError(.syntax, at: location(Self.mark(parser.problem_mark)), problem, notes: notes, source: source)
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
