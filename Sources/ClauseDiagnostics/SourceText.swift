/// The bytes of a source file, kept so that a message can quote the offending line.
///
/// Line starts are found only when a line is asked for: loading a large snapshot that has no
/// problem never pays for them.
public struct SourceText: Sendable {
    public let name: String
    public let bytes: [UInt8]

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }

    public init(name: String, text: String) {
        self.init(name: name, bytes: Array(text.utf8))
    }

    /// The text of 1-based `line` without its line break, with invalid UTF-8 repaired for display.
    public func line(_ line: Int) -> String? {
        guard line >= 1 else { return nil }
        var current = 1
        var start = 0
        var index = 0
        let count = bytes.count
        while current < line {
            guard let next = nextLineStart(after: index) else { return nil }
            index = next
            current += 1
        }
        start = index
        var end = start
        while end < count, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
        if start > count { return nil }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    private func nextLineStart(after index: Int) -> Int? {
        var i = index
        let count = bytes.count
        while i < count {
            let byte = bytes[i]
            if byte == 0x0A { return i + 1 }
            if byte == 0x0D {
                return (i + 1 < count && bytes[i + 1] == 0x0A) ? i + 2 : i + 1
            }
            i += 1
        }
        return nil
    }
}
