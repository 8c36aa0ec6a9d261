import ClauseDiagnostics

/// Finds where a YAML scalar's own text starts after its anchor and tag, in the source bytes.
/// Events come in file order, so the cursor only moves forward: every byte is walked once for a
/// whole file, however many anchored or tagged scalars it has (a line or mark looked up afresh
/// per scalar would make a hostile pack quadratic).
struct ScalarCursor {
    private var offset = 0
    private var line = 1
    private var column = 1

    /// The mark of the first character after `mark` that is not an `&anchor` or `!tag` token or
    /// a blank between them; `mark` itself when the bytes were not kept or the mark lies behind.
    mutating func textStart(after mark: SourceMark, in bytes: [UInt8]) -> SourceMark {
        let target = (line: Int(mark.line), column: Int(mark.column))
        // libyaml counts no column for a byte order mark.
        if offset == 0, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { offset = 3 }
        guard !bytes.isEmpty, (line, column) <= target else { return mark }
        while offset < bytes.count, (line, column) < target { step(bytes) }
        // A step counts a character at its first byte: finish the one just passed.
        while offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
        guard (line, column) == target else { return mark }
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x09, 0x0A, 0x0D:
                step(bytes)
            case UInt8(ascii: "&"), UInt8(ascii: "!"):
                while offset < bytes.count, ![0x20, 0x09, 0x0A, 0x0D].contains(bytes[offset]) { step(bytes) }
            default:
                return SourceMark(line: line, column: column)
            }
        }
        return SourceMark(line: line, column: column)
    }

    /// Moves past one byte, counting lines (LF, CRLF or a lone CR) and columns in Unicode scalars.
    private mutating func step(_ bytes: [UInt8]) {
        let b = bytes[offset]
        offset += 1
        if b == 0x0A || (b == 0x0D && (offset >= bytes.count || bytes[offset] != 0x0A)) {
            line += 1
            column = 1
        } else if b != 0x0D && b & 0xC0 != 0x80 {
            column += 1
        }
    }
}
