import ClauseDiagnostics
import ClauseValue
import Dispatch

/// A strict RFC 8259 parser that builds `Value`s with source marks.
///
/// Numbers: an integer literal that fits `Int64` is an `int` (so `-0` is the integer 0); any
/// other number is a `double`, and one too large for a double is an error rather than infinity.
/// Strings must be valid UTF-8; a `\u` escape naming a lone surrogate is an error, since no
/// Unicode scalar can hold it. Columns count Unicode scalars, as libyaml does.
struct JSONParser {
    let source: SourceText
    let options: LoadOptions
    /// The mapped file when the bytes are not held in `source` (large files).
    var mapped: MappedFile?

    func parse() throws(DocumentError) -> [Document] {
        if let mapped { return try parse(mapped.buffer) }
        return try source.bytes.withUnsafeBufferPointer { buffer throws(DocumentError) in try parse(buffer) }
    }

    private func parse(_ buffer: UnsafeBufferPointer<UInt8>) throws(DocumentError) -> [Document] {
        let result: Result<[Document], DocumentError> = {
            var state = State(bytes: buffer, source: source, maxDepth: options.maxDepth, rejectDuplicateKeys: options.rejectDuplicateKeys)
            state.mapped = mapped
            state.mayParallelise = options.parallel && buffer.count >= ParallelSplit.minimumBytes
            do {
                var documents: [Document] = []
                state.skipWhitespace()
                if state.index == buffer.count {
                    if options.allowEmpty { return .success([]) }
                    throw state.error(.empty, "the file holds no JSON value")
                }
                repeat {
                    let mark = state.mark
                    let value = try state.parseValue(depth: 0)
                    documents.append(Document(source: source, root: value, rootMark: mark, index: documents.count))
                    state.skipWhitespace()
                } while options.allowJSONStream && state.index < buffer.count
                if state.index < buffer.count {
                    throw state.error(.syntax, "unexpected \(state.describeCurrent()) after the JSON value")
                }
                return .success(documents)
            } catch let error as DocumentError {
                return .failure(error)
            } catch {
                return .failure(state.error(.syntax, "\(error)"))
            }
        }()
        return try result.get()
    }

    private struct State {
        let bytes: UnsafeBufferPointer<UInt8>
        let source: SourceText
        let maxDepth: Int
        let rejectDuplicateKeys: Bool
        var index = 0
        var line = 1
        var lineStart = 0
        /// UTF-8 continuation bytes seen since the start of the current line: subtracting them
        /// turns a byte offset into a column counted in scalars without rescanning the line.
        var continuationBytes = 0
        /// Elements of the containers being parsed.
        var stack = ValueStack()
        var strings = StringCache()
        var mapped: MappedFile?
        private var releasedUpTo = 0
        /// Whether a large array may be split between both cores (only once, at the top).
        var mayParallelise = false

        init(bytes: UnsafeBufferPointer<UInt8>, source: SourceText, maxDepth: Int, rejectDuplicateKeys: Bool) {
            self.bytes = bytes
            self.source = source
            self.maxDepth = maxDepth
            self.rejectDuplicateKeys = rejectDuplicateKeys
        }

        var mark: SourceMark {
            SourceMark(line: line, column: index - lineStart - continuationBytes + 1)
        }

        func error(_ kind: DocumentError.Kind, _ message: String, at mark: SourceMark? = nil) -> DocumentError {
            DocumentError(kind, at: SourceLocation(file: source.name, mark: mark ?? self.mark), message, source: source)
        }

        func describeCurrent() -> String {
            guard index < bytes.count else { return "end of file" }
            let b = bytes[index]
            if b >= 0x21 && b < 0x7F { return "character '\(Character(UnicodeScalar(b)))'" }
            return "byte 0x" + String(b, radix: 16, uppercase: true)
        }

        mutating func skipWhitespace() {
            // Works on locals: the hottest loop of the parser, kept out of memory.
            var i = index
            let end = bytes.count
            guard i < end else { return }
            let base = bytes.baseAddress.unsafelyUnwrapped
            while i < end {
                switch base[i] {
                case 0x20, 0x09:
                    i += 1
                case 0x0A:
                    i += 1
                    line += 1
                    lineStart = i
                    continuationBytes = 0
                case 0x0D:
                    i += 1
                    if i < end && base[i] == 0x0A { i += 1 }
                    line += 1
                    lineStart = i
                    continuationBytes = 0
                default:
                    index = i
                    return
                }
            }
            index = i
        }

        mutating func parseValue(depth: Int) throws(DocumentError) -> Value {
            guard index < bytes.count else { throw error(.syntax, "unexpected end of file; expected a value") }
            switch bytes[index] {
            case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
            case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
            case UInt8(ascii: "\""): return .string(try parseString(isKey: false))
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
            default: throw error(.syntax, "unexpected \(describeCurrent()); expected a value")
            }
        }

        private mutating func literal(_ word: StaticString) throws(DocumentError) {
            let n = word.utf8CodeUnitCount
            let ok = index + n <= bytes.count && word.withUTF8Buffer { w in
                (0..<n).allSatisfy { bytes[index + $0] == w[$0] }
            }
            guard ok else { throw error(.syntax, "unexpected \(describeCurrent()); expected a value") }
            index += n
        }

        private mutating func parseArray(depth: Int) throws(DocumentError) -> Value {
            if depth > maxDepth { throw error(.tooDeep, "nesting deeper than \(maxDepth) levels") }
            let open = index
            let openState = (line, lineStart, continuationBytes)
            index += 1
            skipWhitespace()
            if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .list(ValueList([]))
            }
            if mayParallelise, depth <= 2,
               let split = ParallelSplit.find(in: bytes, from: open, line: openState.0, lineStart: openState.1, continuationBytes: openState.2),
               let list = parseHalves(split, depth: depth) {
                return .list(list)
            }
            let start = stack.count
            while true {
                try parseElement(depth: depth)
                guard index < bytes.count else { throw error(.syntax, "unexpected end of file; expected ',' or ']'") }
                let b = bytes[index]
                index += 1
                if b == UInt8(ascii: ",") { continue }
                if b == UInt8(ascii: "]") { return .list(stack.popList(from: start)) }
                index -= 1
                throw error(.syntax, "unexpected \(describeCurrent()); expected ',' or ']'")
            }
        }

        /// Parses the two halves of a large array on both cores; nil when either half fails, and
        /// the caller parses the array again in order so the first error is reported exactly.
        private mutating func parseHalves(_ split: ParallelSplit, depth: Int) -> ValueList? {
            var halves = [self, self]
            halves[0].mayParallelise = false
            halves[1].mayParallelise = false
            halves[1].index = split.comma + 1
            halves[1].line = split.line
            halves[1].lineStart = split.lineStart
            halves[1].continuationBytes = split.continuationBytes
            halves[1].releasedUpTo = split.comma
            halves[1].strings = StringCache()
            let ends = [split.comma, split.end]
            let starts = [halves[0].stack.count, halves[1].stack.count]
            var parsed = [false, false]
            halves.withUnsafeMutableBufferPointer { states in
                parsed.withUnsafeMutableBufferPointer { flags in
                    nonisolated(unsafe) let states = states
                    nonisolated(unsafe) let flags = flags
                    DispatchQueue.concurrentPerform(iterations: 2) { i in
                        flags[i] = (try? states[i].parseElements(until: ends[i], depth: depth)) != nil
                    }
                }
            }
            guard parsed[0], parsed[1] else { return nil }
            var firstHalf = halves[0]
            var secondHalf = halves[1]
            halves.removeAll()
            let list = ValueStack.popList(joining: &firstHalf.stack, from: starts[0], &secondHalf.stack, from: starts[1])
            self = secondHalf
            strings = firstHalf.strings
            mayParallelise = true
            index = split.end + 1
            return list
        }

        /// Parses one array element onto the stack, with the whitespace around it, and hands back
        /// the mapped pages it has passed.
        private mutating func parseElement(depth: Int) throws(DocumentError) {
            skipWhitespace()
            let elementMark = mark
            let element = try parseValue(depth: depth)
            stack.push(element, elementMark)
            if let mapped, index - releasedUpTo > 1 << 23 {
                mapped.release(releasedUpTo..<index)
                releasedUpTo = index
            }
            skipWhitespace()
        }

        /// Parses the elements of an array from `index` up to the separator or bracket at `end`,
        /// leaving them on the stack.
        private mutating func parseElements(until end: Int, depth: Int) throws(DocumentError) {
            while true {
                try parseElement(depth: depth)
                if index == end { return }
                guard index < end, bytes[index] == UInt8(ascii: ",") else {
                    throw error(.syntax, "unexpected \(describeCurrent()); expected ',' or ']'")
                }
                index += 1
            }
        }

        /// Entries go on the shared stacks as key, value, key, value.
        private mutating func parseObject(depth: Int) throws(DocumentError) -> Value {
            if depth > maxDepth { throw error(.tooDeep, "nesting deeper than \(maxDepth) levels") }
            index += 1
            skipWhitespace()
            if index < bytes.count && bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .map(ValueMap(keys: [], values: []))
            }
            let start = stack.count
            var keyIndex: [String: Int]?
            while true {
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                    throw error(.syntax, "unexpected \(describeCurrent()); expected a string key")
                }
                let keyMark = mark
                let key = try parseString(isKey: true)
                let previous = findKey(key, from: start, index: &keyIndex)
                if let previous, rejectDuplicateKeys {
                    throw error(.duplicateKey, "duplicate key '\(key)' in object", at: keyMark)
                        .withNote("first defined at \(SourceLocation(file: source.name, mark: stack.mark(at: previous)))")
                }
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                    throw error(.syntax, "unexpected \(describeCurrent()); expected ':'")
                }
                index += 1
                skipWhitespace()
                let valueMark = mark
                let value = try parseValue(depth: depth)
                if let previous {
                    // Last one wins, as in most JSON readers.
                    stack[previous + 1] = value
                    stack.setMark(valueMark, at: previous + 1)
                } else {
                    stack.push(.string(key), keyMark)
                    stack.push(value, valueMark)
                }
                skipWhitespace()
                guard index < bytes.count else { throw error(.syntax, "unexpected end of file; expected ',' or '}'") }
                let b = bytes[index]
                index += 1
                if b == UInt8(ascii: ",") { continue }
                if b == UInt8(ascii: "}") { return .map(ValueMap(entries: stack.popEntries(from: start), hasMarks: true)) }
                index -= 1
                throw error(.syntax, "unexpected \(describeCurrent()); expected ',' or '}'")
            }
        }

        /// Where `key` already stands among this object's entries; a hash index once it is large.
        private func findKey(_ key: String, from start: Int, index keyIndex: inout [String: Int]?) -> Int? {
            let end = stack.count
            if keyIndex == nil && end - start >= 32 {
                var built: [String: Int] = [:]
                for i in stride(from: start, to: end, by: 2) { if case .string(let k) = stack[i] { built[k] = i } }
                keyIndex = built
            }
            if keyIndex != nil {
                if let found = keyIndex?[key] { return found }
                keyIndex?[key] = end
                return nil
            }
            let length = key.utf8.count
            for i in stride(from: start, to: end, by: 2) {
                if case .string(let k) = stack[i], k.utf8.count == length, k == key { return i }
            }
            return nil
        }

        /// Keys and short values repeat across a snapshot and go through the string cache; longer
        /// values (ids, names) are mostly unique, and caching them would only churn the cache.
        private mutating func parseString(isKey: Bool) throws(DocumentError) -> String {
            index += 1
            let start = index
            // Fast path: no escapes, ASCII only; on locals, as in `skipWhitespace`.
            let base = bytes.baseAddress.unsafelyUnwrapped
            let end = bytes.count
            var i = start
            while i < end {
                let b = base[i]
                if b == UInt8(ascii: "\"") {
                    index = i + 1
                    if isKey || i - start <= 10 { return strings.string(base + start, count: i - start) }
                    return String(decoding: UnsafeBufferPointer(start: base + start, count: i - start), as: UTF8.self)
                }
                if b == UInt8(ascii: "\\") || b < 0x20 || b >= 0x80 { break }
                i += 1
            }
            index = i
            var out: [UInt8] = Array(bytes[start..<index])
            while index < bytes.count {
                let b = bytes[index]
                switch b {
                case UInt8(ascii: "\""):
                    index += 1
                    return String(decoding: out, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    index += 1
                    try parseEscape(into: &out)
                case 0..<0x20:
                    throw error(.syntax, "control character 0x\(String(b, radix: 16, uppercase: true)) must be escaped in a string")
                case 0x80...:
                    try copyScalar(into: &out)
                default:
                    out.append(b)
                    index += 1
                }
            }
            throw error(.syntax, "unexpected end of file inside a string")
        }

        /// Copies one multi-byte UTF-8 sequence after validating it (RFC 3629: no overlongs,
        /// no surrogates, nothing above U+10FFFF).
        private mutating func copyScalar(into out: inout [UInt8]) throws(DocumentError) {
            let b0 = bytes[index]
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch b0 {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: throw error(.encoding, "invalid UTF-8: byte 0x\(String(b0, radix: 16, uppercase: true)) cannot start a character")
            }
            guard index + length <= bytes.count else { throw error(.encoding, "invalid UTF-8: truncated character") }
            for k in 1..<length {
                let b = bytes[index + k]
                let lo: UInt8 = k == 1 ? lower : 0x80
                let hi: UInt8 = k == 1 ? upper : 0xBF
                guard b >= lo && b <= hi else {
                    throw error(.encoding, "invalid UTF-8: byte 0x\(String(b, radix: 16, uppercase: true)) in a character")
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<(index + length)]))
            index += length
            continuationBytes += length - 1
        }

        private mutating func parseEscape(into out: inout [UInt8]) throws(DocumentError) {
            guard index < bytes.count else { throw error(.syntax, "unexpected end of file inside a string") }
            let c = bytes[index]
            index += 1
            switch c {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                let escapeMark = SourceMark(line: line, column: index - 2 - lineStart - continuationBytes + 1)
                var scalar = try hex4()
                if scalar >= 0xD800 && scalar <= 0xDBFF {
                    guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                        throw error(.encoding, "lone surrogate '\\u\(String(scalar, radix: 16, uppercase: true))' is not a character", at: escapeMark)
                    }
                    index += 2
                    let low = try hex4()
                    guard low >= 0xDC00 && low <= 0xDFFF else {
                        throw error(.encoding, "lone surrogate '\\u\(String(scalar, radix: 16, uppercase: true))' is not a character", at: escapeMark)
                    }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if scalar >= 0xDC00 && scalar <= 0xDFFF {
                    throw error(.encoding, "lone surrogate '\\u\(String(scalar, radix: 16, uppercase: true))' is not a character", at: escapeMark)
                }
                guard let unicode = Unicode.Scalar(scalar) else {
                    throw error(.encoding, "invalid escape", at: escapeMark)
                }
                out.append(contentsOf: Array(String(Character(unicode)).utf8))
            default:
                index -= 1
                throw error(.syntax, "invalid escape '\\\(Character(UnicodeScalar(c)))' in a string")
            }
        }

        private mutating func hex4() throws(DocumentError) -> UInt32 {
            guard index + 4 <= bytes.count else { throw error(.syntax, "unexpected end of file in a \\u escape") }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let c = bytes[index]
                let d: UInt32
                switch c {
                case 0x30...0x39: d = UInt32(c - 0x30)
                case 0x61...0x66: d = UInt32(c - 0x61 + 10)
                case 0x41...0x46: d = UInt32(c - 0x41 + 10)
                default: throw error(.syntax, "invalid hex digit in a \\u escape")
                }
                v = v << 4 | d
                index += 1
            }
            return v
        }

        private mutating func parseNumber() throws(DocumentError) -> Value {
            let start = index
            let startMark = mark
            var negative = false
            if bytes[index] == UInt8(ascii: "-") {
                negative = true
                index += 1
            }
            guard index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 else {
                throw error(.syntax, "a number needs a digit after '-'")
            }
            var value: UInt64 = 0
            var overflow = false
            if bytes[index] == 0x30 {
                index += 1
                if index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                    throw error(.syntax, "a number cannot have a leading zero", at: startMark)
                }
            } else {
                while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                    let (m, o1) = value.multipliedReportingOverflow(by: 10)
                    let (s, o2) = m.addingReportingOverflow(UInt64(bytes[index] - 0x30))
                    overflow = overflow || o1 || o2
                    value = s
                    index += 1
                }
            }
            var isInteger = true
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                isInteger = false
                index += 1
                let digitsStart = index
                while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
                if index == digitsStart { throw error(.syntax, "a number needs a digit after '.'") }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                isInteger = false
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                let digitsStart = index
                while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
                if index == digitsStart { throw error(.syntax, "a number needs a digit in its exponent") }
            }
            if isInteger && !overflow {
                if !negative && value <= UInt64(Int64.max) { return .int(Int64(value)) }
                if negative && value <= UInt64(Int64.max) { return .int(-Int64(value)) }
                if negative && value == UInt64(Int64.max) + 1 { return .int(.min) }
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            guard let double = Double(text), double.isFinite else {
                throw error(.syntax, "number '\(text.prefix(40))' is out of the range of a double", at: startMark)
            }
            return .double(double)
        }
    }
}

private extension DocumentError {
    func withNote(_ note: String) -> DocumentError {
        DocumentError(kind, at: location, message, notes: diagnostic.notes + [note], source: source)
    }
}
