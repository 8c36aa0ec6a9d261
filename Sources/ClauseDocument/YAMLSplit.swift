/// Where a large YAML snapshot can be cut in two for both cores: a line near the middle that
/// starts either a top-level key or an item of a top-level key's block sequence.
///
/// Found by looking at line starts only, so the guess can be wrong (a line of a block scalar, of
/// a multi-line quoted string or of a flow collection looks the same). It need not be right:
/// the loader parses both halves, checks that they fit together as one parse would have
/// read them (`YAMLLoader.loadHalves`), and otherwise parses the file again in one piece.
struct YAMLSplit {
    /// Files shorter than this are parsed on one core: the threads would cost more than they save.
    static let minimumBytes = 1 << 20
    /// How far past the middle a line to cut at is looked for.
    static let searchBytes = 1 << 20

    /// Offset of the line the second half starts with.
    var offset: Int
    /// Whether that line is an item of a top-level key's block sequence. The second half is then
    /// read as the value of a stand-in key (`prefix`) and its items appended to the first half's
    /// list; otherwise the line is a top-level key and the two halves' mappings are joined.
    var continuesList: Bool

    /// Text put before the second half so that it is a document of its own.
    var prefix: [UInt8] { continuesList ? Array("_:\n".utf8) : [] }

    /// A place to cut `bytes`, or nil when the file is small or none is found near its middle.
    static func find(in bytes: UnsafeBufferPointer<UInt8>, minimumBytes: Int = minimumBytes) -> YAMLSplit? {
        let count = bytes.count
        guard count >= max(minimumBytes, 4) else { return nil }
        // The stand-in second half is UTF-8 with no directives, so a file with a byte-order mark,
        // in UTF-16 or opening with a directive is parsed in one piece.
        guard bytes[0] != 0, bytes[0] < 0x80, bytes[1] != 0, bytes[0] != UInt8(ascii: "%") else { return nil }
        var i = count / 2
        while i < count && bytes[i] != 0x0A { i += 1 }
        i += 1
        let limit = min(count, i + searchBytes)
        while i < limit {
            if followsContent(bytes, i), let continuesList = kind(of: bytes, at: i) {
                return YAMLSplit(offset: i, continuesList: continuesList)
            }
            while i < count && bytes[i] != 0x0A { i += 1 }
            i += 1
        }
        return nil
    }

    /// What the line at `offset` can be cut as: true for an item of a top-level list (a dash
    /// in one of the first three columns), false for a top-level key, nil for neither.
    static func kind(of bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool? {
        let count = bytes.count
        var spaces = 0
        while offset + spaces < count && bytes[offset + spaces] == UInt8(ascii: " ") { spaces += 1 }
        let first = offset + spaces < count ? bytes[offset + spaces] : 0
        let second = offset + spaces + 1 < count ? bytes[offset + spaces + 1] : 0
        if first == UInt8(ascii: "-") && (second == UInt8(ascii: " ") || second == 0x0A || second == 0x0D) {
            return spaces <= 2 ? true : nil
        }
        return spaces == 0 && startsKey(first) ? false : nil
    }

    /// Whether the line before `offset` holds content, not blanks or only a comment. libyaml
    /// ends a block scalar kept with `|+` differently at the end of the stream than before a
    /// less indented line: the blank lines before a cut would be lost from the first half.
    static func followsContent(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Bool {
        guard offset >= 2, offset <= bytes.count, bytes[offset - 1] == 0x0A else { return false }
        var start = offset - 1
        while start > 0 && bytes[start - 1] != 0x0A { start -= 1 }
        var i = start
        while i < offset - 1 && (bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t")) { i += 1 }
        return i < offset - 1 && bytes[i] != UInt8(ascii: "#") && bytes[i] != 0x0D
    }

    /// Whether a line starting with `byte` in column 1 can be a top-level key: a plain or quoted
    /// scalar, not a comment, document marker, directive, complex key or node property.
    private static func startsKey(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "_"), UInt8(ascii: "\""), UInt8(ascii: "'"):
            return true
        default:
            return false
        }
    }

    /// Line feeds in `bytes[0..<end]`, eight bytes at a time: what the second half adds to its
    /// line numbers. libyaml counts other line breaks too (a lone CR, NEL, LS, PS); the loader
    /// notices when its count differs and does not cut.
    static func lineFeeds(_ bytes: UnsafeBufferPointer<UInt8>, upTo end: Int) -> Int {
        guard let base = bytes.baseAddress, end <= bytes.count else { return 0 }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let feeds = ones &* 0x0A
        var total = 0
        var i = 0
        let raw = UnsafeRawPointer(base)
        while i + 8 <= end {
            let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ feeds
            // High bit of each byte that was a line feed (a byte of x that is zero), exactly.
            let zero = ~(((x & low7) &+ low7) | x | low7)
            total += zero.nonzeroBitCount
            i += 8
        }
        while i < end {
            if base[i] == 0x0A { total += 1 }
            i += 1
        }
        return total
    }
}
