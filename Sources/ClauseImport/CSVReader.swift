import ClauseDiagnostics
import ClauseDocument
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An RFC 4180 reader: quoted fields holding delimiters, quotes and line breaks, CRLF or LF
/// line ends, a UTF-8 byte order mark, any one-byte delimiter. It keeps where each field starts,
/// so a finding on an imported record can point at its row in the export.
///
/// Written here rather than taken from SwiftCSV or CSV.swift: neither keeps line and column
/// per field, and a row that is malformed must reject that record, not stop the file.
struct CSVReader {
    /// One record: its fields, where each starts, and what is wrong with it if anything.
    struct Record {
        var fields: [String]
        var marks: [SourceMark]
        var line: Int
        var problem: String?
    }

    let source: CSVBytes
    let delimiter: UInt8
    /// The part of the file to read: from a record's start to another's, and that record's line.
    var start = 0
    var end: Int?
    var firstLine = 1

    init(bytes: [UInt8], delimiter: UInt8) {
        self.init(source: CSVBytes(bytes), delimiter: delimiter)
    }

    init(source: CSVBytes, delimiter: UInt8) {
        self.source = source
        self.delimiter = delimiter
    }

    /// The same file cut into up to `count` parts at record boundaries (the first after each
    /// of its `count` equal shares), so that the parts can be read at once, in any order, by
    /// as many threads; the whole file alone when it is one record.
    func parts(_ count: Int) -> [CSVReader] {
        let b = source.buffer
        let n = end ?? b.count
        guard let base = b.baseAddress, count > 1 else { return [self] }
        /// The first position at or after `from` (and before `to`) holding `byte`, by `memchr`.
        func find(_ byte: UInt8, from: Int, to: Int) -> Int? {
            guard from < to, let hit = memchr(base + from, Int32(byte), to - from) else { return nil }
            return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
        }
        // The reader's own grammar, without building fields: a quote opens a quoted field only
        // at a field's start, and a line break ends a record only outside one. Line by line:
        // outside quotes only the quotes of a line matter, and memchr finds them (and the
        // line's end) far faster than a loop over every byte.
        var line = firstLine
        var cuts: [(at: Int, line: Int)] = []
        var i = start
        // Pages scanned are handed back as the scan goes, as the readers do.
        var released = start
        scan: while i < n, cuts.count < count - 1 {
            let end = find(0x0A, from: i, to: n) ?? n
            var k = i
            while let q = find(0x22, from: k, to: end) {
                k = q + 1
                guard q == start || b[q - 1] == delimiter || b[q - 1] == 0x0A || b[q - 1] == 0x0D else { continue }
                // A quoted field: "" is a quote; it may hold line breaks, counted as lines.
                var at = q + 1
                while true {
                    guard let close = find(0x22, from: at, to: n) else { break scan }
                    var nl = at
                    while let next = find(0x0A, from: nl, to: close) { line += 1; nl = next + 1 }
                    if close + 1 < n, b[close + 1] == 0x22 { at = close + 2; continue }
                    at = close + 1
                    break
                }
                k = at
                if k > end {
                    // The quoted field ran past this line: go on from its end.
                    i = k
                    continue scan
                }
            }
            guard end < n else { break }
            line += 1
            if end >= start + (n - start) / count * (cuts.count + 1), end + 1 < n { cuts.append((end + 1, line)) }
            if end - released >= CSVBytes.releaseStep {
                source.release(released..<end)
                released = end
            }
            i = end + 1
        }
        source.release(released..<i)
        guard !cuts.isEmpty else { return [self] }
        var out: [CSVReader] = []
        var from = (at: start, line: firstLine)
        for cut in cuts + [(at: n, line: 0)] {
            var part = self
            part.start = from.at
            part.firstLine = from.line
            part.end = cut.at < n ? cut.at : end
            out.append(part)
            from = cut
        }
        return out
    }

    /// Every record of the file, the header first.
    func records() -> [Record] {
        var out: [Record] = []
        forEach { out.append($0); return true }
        return out
    }

    /// Calls `body` with each record in turn, the header first, so that a large export is
    /// mapped as it is read and never held as records. A record whose quote is never closed
    /// runs to the end of the file and carries the problem. `body` returns false to stop.
    /// A column whose `keep` entry is false (nothing reads it) comes as an empty string, though
    /// still checked: a cell that is not UTF-8 is the record's problem wherever it is.
    func forEach(keep: [Bool] = [], _ body: (Record) -> Bool) {
        let bytes = source.buffer
        let n = end ?? bytes.count
        // The pages already read are handed back as the reader goes (for a mapped file).
        var released = start
        var i = start == 0 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : start
        var line = firstLine
        var lineStart = i
        var scanned = (position: i, column: 1)
        var record = Record(fields: [], marks: [], line: line, problem: nil)
        var field: [UInt8] = []
        // Plain functions taking their state as arguments rather than nested ones capturing it:
        // a captured variable is boxed and checked for exclusive access on every use.
        while i < n {
            let mark = SourceMark(line: line, column: Self.column(of: i, lineStart: lineStart, scanned: &scanned, in: bytes))
            var high: UInt8 = 0
            if bytes[i] == 0x22 {
                field.removeAll(keepingCapacity: true)
                // Quoted field: "" is a quote; anything else up to the closing quote is text.
                i += 1
                var closed = false
                while i < n {
                    let b = bytes[i]
                    if b == 0x22 {
                        if i + 1 < n, bytes[i + 1] == 0x22 { field.append(0x22); i += 2; continue }
                        i += 1
                        closed = true
                        break
                    }
                    if b == 0x0A { line += 1; lineStart = i + 1 }
                    field.append(b)
                    high |= b
                    i += 1
                }
                if !closed {
                    record.problem = record.problem ?? "the quote opened at line \(mark.line), column \(mark.column) is never closed"
                } else if i < n, bytes[i] != delimiter, bytes[i] != 0x0A, bytes[i] != 0x0D {
                    record.problem = record.problem ?? "text after the closing quote of the field at line \(mark.line), column \(mark.column)"
                    while i < n, bytes[i] != delimiter, bytes[i] != 0x0A, bytes[i] != 0x0D { field.append(bytes[i]); high |= bytes[i]; i += 1 }
                }
                let kept = record.fields.count >= keep.count || keep[record.fields.count]
                let cell = field.withUnsafeBufferPointer { Self.text($0, high: high, kept: kept, problem: &record.problem) }
                record.fields.append(cell)
            } else {
                // Unquoted: the text is the bytes in place, not copied first.
                let start = i
                while i < n, bytes[i] != delimiter, bytes[i] != 0x0A, bytes[i] != 0x0D { high |= bytes[i]; i += 1 }
                let kept = record.fields.count >= keep.count || keep[record.fields.count]
                let cell = Self.text(UnsafeBufferPointer(rebasing: bytes[start..<i]), high: high, kept: kept, problem: &record.problem)
                record.fields.append(cell)
            }
            record.marks.append(mark)
            if i < n, bytes[i] == delimiter {
                i += 1
                if i < n { continue }
                record.fields.append("")
                record.marks.append(SourceMark(line: line, column: Self.column(of: i, lineStart: lineStart, scanned: &scanned, in: bytes)))
            }
            // End of record: CRLF, LF, a lone CR, or the end of the file.
            if i < n, bytes[i] == 0x0D { i += 1 }
            if i < n, bytes[i] == 0x0A { i += 1 }
            if !body(record) { return }
            if i - released >= CSVBytes.releaseStep {
                source.release(released..<i)
                released = i
            }
            line += 1
            lineStart = i
            record = Record(fields: [], marks: [], line: line, problem: nil)
            record.fields.reserveCapacity(16)
            record.marks.reserveCapacity(16)
        }
    }
}

extension CSVReader {
    /// The column of byte `at` on the line starting at `lineStart`. Columns count Unicode
    /// scalars, as every other mark does; counted forward from the last field of the same line.
    @inline(__always)
    static func column(of at: Int, lineStart: Int, scanned: inout (position: Int, column: Int), in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        if scanned.position < lineStart || scanned.position > at { scanned = (lineStart, 1) }
        var (k, c) = scanned
        while k < at { if bytes[k] & 0xC0 != 0x80 { c += 1 }; k += 1 }
        scanned = (at, c)
        return c
    }

    /// A cell's text, or "" when not `kept`. ASCII (the usual case, seen while scanning: `high`
    /// is the OR of its bytes) is UTF-8 as it is; anything else is validated, and text that is
    /// not UTF-8 is the record's problem.
    @inline(__always)
    static func text(_ raw: UnsafeBufferPointer<UInt8>, high: UInt8, kept: Bool, problem: inout String?) -> String {
        if high < 0x80 { return kept ? String(decoding: raw, as: UTF8.self) : "" }
        if let s = String(validating: raw, as: UTF8.self) { return kept ? s : "" }
        if problem == nil { problem = "a field is not valid UTF-8" }
        return kept ? String(decoding: raw, as: UTF8.self) : ""
    }
}

/// The bytes a `CSVReader` reads: a memory-mapped export, whose pages are handed back once
/// read so that a large export never sits in memory whole beside the records made from it,
/// or an array (small inputs, tests).
final class CSVBytes: @unchecked Sendable {
    /// How many bytes a reader passes before handing them back.
    static let releaseStep = 8 << 20

    let buffer: UnsafeBufferPointer<UInt8>
    private let mapped: MappedFile?
    private let owned: UnsafeMutableBufferPointer<UInt8>?

    init(_ bytes: [UInt8]) {
        let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
        _ = copy.initialize(from: bytes)
        owned = copy
        mapped = nil
        buffer = UnsafeBufferPointer(copy)
    }

    /// The file mapped; nil when it cannot be (empty, not a regular file): then read it.
    init?(mapping path: String) {
        guard let file = MappedFile(path: path) else { return nil }
        mapped = file
        owned = nil
        buffer = file.buffer
    }

    deinit { owned?.deallocate() }

    /// Drops the pages wholly inside `range` (a mapped file only; read again if touched).
    func release(_ range: Range<Int>) { mapped?.release(range) }
}
