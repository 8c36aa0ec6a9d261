import Foundation

/// The text of a source file, kept so that a message can quote the offending line.
///
/// A large snapshot's bytes are not kept once it is loaded (`reloadPath` is set instead): the
/// file is read again only if a line must be quoted, so the loaded values, not the file, decide
/// how much memory a check needs. Line starts are found only when a line is asked for.
public struct SourceText: Sendable {
    /// The file name that locations give, and that `DiagnosticError.sources` is keyed by.
    public let name: String
    /// The file's bytes; empty when they were not kept (see `reloadPath`).
    public let bytes: [UInt8]
    /// Size of the text in bytes, whether or not the bytes were kept.
    public let size: Int
    /// The file to read again for quoting, when `bytes` were not kept.
    public let reloadPath: String?
    /// The scalars of a YAML file by the mark their values carry (the node's start, anchor or
    /// tag included), when the loader was asked to record them (`LoadOptions.recordScalars`):
    /// rule packs and manifests, whose expressions are located from them.
    public var scalars: [SourceMark: ScalarSpan] = [:]

    /// A source whose bytes are kept, so that lines are quoted without reading the file again.
    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
        self.size = bytes.count
        self.reloadPath = nil
    }

    /// A source for text held as a string (an expression given on its own), kept as UTF-8 bytes.
    public init(name: String, text: String) {
        self.init(name: name, bytes: Array(text.utf8))
    }

    /// A source whose bytes stay on disk at `path`.
    public init(name: String, size: Int, reloadPath: String) {
        self.name = name
        self.bytes = []
        self.size = size
        self.reloadPath = reloadPath
    }

    /// The bytes, read again from disk when they were not kept.
    public var contents: [UInt8] {
        if let reloadPath, bytes.isEmpty, let data = FileManager.default.contents(atPath: reloadPath) {
            return [UInt8](data)
        }
        return bytes
    }

    /// The text of 1-based `line` without its line break, with invalid UTF-8 repaired for display.
    public func line(_ line: Int) -> String? {
        guard line >= 1 else { return nil }
        let bytes = contents
        var current = 1
        var index = 0
        while current < line {
            guard let next = Self.nextLineStart(in: bytes, after: index) else { return nil }
            index = next
            current += 1
        }
        var end = index
        while end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
        return String(decoding: bytes[index..<end], as: UTF8.self)
    }

    private static func nextLineStart(in bytes: [UInt8], after index: Int) -> Int? {
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
