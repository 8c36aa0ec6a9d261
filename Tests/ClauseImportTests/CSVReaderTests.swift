@testable import ClauseImport
import Foundation
import Testing

/// RFC 4180 as exports write it, and the rows that must reject themselves, not the file.
@Suite struct CSVReaderTests {
    static func read(_ text: String, delimiter: Character = ",") -> [CSVReader.Record] {
        CSVReader(bytes: Array(text.utf8), delimiter: delimiter.asciiValue ?? 0x2C).records()
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var delimiter: Character = ","
        var fields: [[String]]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "plain LF", text: "a,b\n1,2\n", fields: [["a", "b"], ["1", "2"]]),
        Case(name: "CRLF, no final line end", text: "a,b\r\n1,2", fields: [["a", "b"], ["1", "2"]]),
        Case(name: "quoted comma", text: "a,b\n\"x, y\",2\n", fields: [["a", "b"], ["x, y", "2"]]),
        Case(name: "doubled quote", text: "a\n\"say \"\"hi\"\"\"\n", fields: [["a"], ["say \"hi\""]]),
        Case(name: "line break in quotes", text: "a,b\r\n\"one\r\ntwo\",2\r\n", fields: [["a", "b"], ["one\r\ntwo", "2"]]),
        Case(name: "byte order mark", text: "\u{FEFF}a,b\n1,2\n", fields: [["a", "b"], ["1", "2"]]),
        Case(name: "semicolon delimiter", text: "a;b\n1,5;2\n", delimiter: ";", fields: [["a", "b"], ["1,5", "2"]]),
        Case(name: "empty cells", text: "a,b,c\n,,\n", fields: [["a", "b", "c"], ["", "", ""]]),
        Case(name: "trailing delimiter at end of file", text: "a,b\n1,", fields: [["a", "b"], ["1", ""]]),
        Case(name: "non-ASCII text", text: "név,ár\nÁrvíztűrő,\"5 €\"\n", fields: [["név", "ár"], ["Árvíztűrő", "5 €"]]),
    ]

    @Test(arguments: cases) func reads(_ c: Case) {
        let records = Self.read(c.text, delimiter: c.delimiter)
        #expect(records.map(\.fields) == c.fields)
        #expect(records.allSatisfy { $0.problem == nil })
    }

    @Test func marksPointAtEachFieldAndRecordLine() {
        let records = Self.read("id,text,n\r\nA,\"two\r\nlines\",1\r\nB,é,2\r\n")
        #expect(records.map(\.line) == [1, 2, 4])
        #expect(records[1].marks.map(\.description) == ["2:1", "2:3", "3:8"])
        // Columns count characters, not bytes: the 'é' is one column.
        #expect(records[2].marks.map(\.description) == ["4:1", "4:3", "4:5"])
    }

    @Test func unclosedQuoteRejectsTheRecordAndRunsToTheEnd() {
        let records = Self.read("a,b\n1,\"open\n2,3\n")
        #expect(records.count == 2)
        #expect(records[1].problem == "the quote opened at line 2, column 3 is never closed")
    }

    @Test func textAfterAClosingQuoteIsAProblem() {
        let records = Self.read("a,b\n\"x\"y,2\n3,4\n")
        #expect(records[1].problem?.contains("text after the closing quote") == true)
        #expect(records[2].problem == nil)
        #expect(records[2].fields == ["3", "4"])
    }

    @Test func invalidUTF8IsAProblemOfThatRecord() {
        var bytes = Array("a\nok\n".utf8)
        bytes += [0xC3, 0x28, 0x0A]
        let records = CSVReader(bytes: bytes, delimiter: 0x2C).records()
        #expect(records[1].problem == nil)
        #expect(records[2].problem == "a field is not valid UTF-8")
    }

    /// A column nothing reads comes empty, but its bytes are still checked; the others are
    /// read as usual (ASCII or not, quoted or not).
    @Test func columnsNotKeptAreEmptyButChecked() {
        var bytes = Array("a,b,c\nx,\"y, z\",é\n1,2,3\n".utf8)
        bytes += [0x34, 0x2C, 0xC3, 0x28, 0x2C, 0x36, 0x0A]
        var records: [CSVReader.Record] = []
        CSVReader(bytes: bytes, delimiter: 0x2C).forEach(keep: [true, false, true]) { records.append($0); return true }
        #expect(records.map(\.fields) == [["a", "", "c"], ["x", "", "é"], ["1", "", "3"], ["4", "", "6"]])
        #expect(records.map(\.problem) == [nil, nil, nil, "a field is not valid UTF-8"])
    }

    /// A large export is read in parts at once: cut at record boundaries (never inside a
    /// quoted line break), the parts give exactly the records and lines of one pass.
    @Test(arguments: [0, 1, 2, 3, 5, 8])
    func halvesGiveTheSameRecordsAsOnePass(_ shift: Int) throws {
        var text = "id,text\r\n"
        // Quoted line breaks, doubled quotes, and a bare quote inside an unquoted field (which
        // the reader takes as text): none may move the cut into the middle of a record.
        for i in 0..<40 {
            switch (i + shift) % 4 {
            case 0: text += "R\(i),\"line\r\nbreak, \"\"q\"\"\"\r\n"
            case 1: text += "R\(i),5\" screen\r\n"
            default: text += "R\(i),plain \(i)\r\n"
            }
        }
        let reader = CSVReader(bytes: Array(text.utf8), delimiter: 0x2C)
        let halves = reader.parts(2)
        try #require(halves.count == 2)
        let (first, second) = (halves[0], halves[1])
        func all(_ r: CSVReader) -> [CSVReader.Record] { var out: [CSVReader.Record] = []; r.forEach { out.append($0); return true }; return out }
        let whole = all(reader)
        let parts = all(first) + all(second)
        #expect(parts.map(\.fields) == whole.map(\.fields))
        #expect(parts.map(\.line) == whole.map(\.line))
        #expect(parts.map { $0.marks.map(\.description) } == whole.map { $0.marks.map(\.description) })
        #expect(!all(second).isEmpty && !all(first).isEmpty)
        // More parts than two, as the import reads a large export.
        for count in [3, 5, 40] {
            let pieces = reader.parts(count)
            #expect(pieces.count > 2)
            let records = pieces.flatMap(all)
            #expect(records.map(\.fields) == whole.map(\.fields))
            #expect(records.map(\.line) == whole.map(\.line))
        }
    }

    /// A mapped export (a real file, large enough that its parts hand back pages as they are
    /// read) gives the records of the same bytes held in memory, and its digest is the file's.
    @Test func aMappedFileReadsAsTheBytesDo() throws {
        var text = "id,text,when\r\n"
        for i in 0..<300_000 { text += "R\(i),\"quoted, with a\r\nbreak \(i)\",2026-05-0\(i % 9 + 1) 10:00:00\r\n" }
        let bytes = Array(text.utf8)
        #expect(bytes.count > 2 * CSVBytes.releaseStep)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("clause-mapped-\(UInt32.random(in: 0...UInt32.max)).csv").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let source = try #require(CSVBytes(mapping: path))
        #expect(ExportReader.digest(source) == ExportReader.digest(bytes))
        let mapped = CSVReader(source: source, delimiter: 0x2C)
        let pieces = mapped.parts(8)
        #expect(pieces.count == 8)
        var parts: [CSVReader.Record] = []
        for piece in pieces { piece.forEach { parts.append($0); return true } }
        let whole = CSVReader(bytes: bytes, delimiter: 0x2C).records()
        #expect(parts.count == 300_001)
        #expect(parts.map(\.fields) == whole.map(\.fields))
        #expect(parts.map(\.line) == whole.map(\.line))
    }

    /// The cut `parts(2)` finds line by line with memchr, against the grammar applied byte by
    /// byte, on random text of quotes, delimiters and line ends.
    @Test func theCutIsTheByteByByteOne() throws {
        func reference(_ b: [UInt8]) -> (cut: Int, line: Int)? {
            var quoted = false, atFieldStart = true, line = 1, i = 0
            while i < b.count {
                let c = b[i]
                if quoted {
                    if c == 0x22 {
                        if i + 1 < b.count, b[i + 1] == 0x22 { i += 2; continue }
                        quoted = false
                    } else if c == 0x0A {
                        line += 1
                    }
                } else if c == 0x22 && atFieldStart {
                    quoted = true
                } else if c == 0x0A {
                    line += 1
                    if i >= b.count / 2 { return i + 1 < b.count ? (i + 1, line) : nil }
                }
                atFieldStart = !quoted && (c == 0x2C || c == 0x0A || c == 0x0D)
                i += 1
            }
            return nil
        }
        var state: UInt64 = 0x2545F4914F6CDD1D
        let alphabet = Array("ab,\"\"\n\r".utf8)
        for _ in 0..<3_000 {
            var bytes: [UInt8] = []
            for _ in 0..<(4 + Int(state % 60)) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                bytes.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            let halves = CSVReader(bytes: bytes, delimiter: 0x2C).parts(2)
            let expected = reference(bytes)
            #expect(halves.count == (expected == nil ? 1 : 2))
            if halves.count == 2 {
                #expect(halves[0].end == expected?.cut, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
                #expect(halves[1].firstLine == expected?.line, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
            }
        }
    }
}
