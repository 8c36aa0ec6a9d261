import ClauseDiagnostics
@testable import ClauseDocument
import ClauseValue
import Foundation
import Testing

/// A large YAML file parsed in two halves on both cores must give exactly what the one-piece
/// parse gives: the same values and marks, and the same errors. Where the cut is guessed wrong,
/// the halves must be refused and the file parsed in one piece.
@Suite struct ParallelYAMLTests {
    /// A block sequence under a top-level key: multi-byte text (columns count scalars), flow
    /// collections, and CRLF line ends on every third item.
    static func items(_ key: String, _ count: Int) -> String {
        var text = "\(key):\n"
        for i in 0..<count {
            text += "  - id: \(key)-\(i)\n    name: \"Sérvice ü \(i)\"\n    tags: [a, {k: [\(i), \(Double(i) / 4)]}]\n"
            text += i % 3 == 0 ? "    ok: true\r\n" : "    ok: false\n"
        }
        return text
    }

    static func load(_ text: String, parallel: Bool) -> Result<Document, DocumentError> {
        var options = LoadOptions()
        options.format = .yaml
        options.parallel = parallel
        return Result { () throws(DocumentError) in try DocumentLoader.load(text: text, name: "big.yaml", options: options)[0] }
    }

    /// The cut `find` chooses, and what the two halves give (nil: refused).
    static func halves(_ text: String) -> (split: YAMLSplit?, documents: [Document]?) {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            guard let split = YAMLSplit.find(in: buffer) else { return (nil, nil) }
            let loader = YAMLLoader(source: SourceText(name: "big.yaml", bytes: bytes), options: LoadOptions())
            return (split, loader.loadHalves(buffer, split, mapped: nil))
        }
    }

    /// Both loads give the same tree and marks, or the same rendered error.
    static func expectSameAsOnePiece(_ text: String) {
        switch (load(text, parallel: true), load(text, parallel: false)) {
        case (.success(let parallel), .success(let sequential)):
            #expect(TreeComparison.same(parallel.root, sequential.root))
        case (.failure(let parallel), .failure(let sequential)):
            #expect(parallel.rendered == sequential.rendered)
        default:
            Issue.record("one load failed and the other did not")
        }
    }

    @Test func aCutInsideAListJoinsTheTwoLists() throws {
        let text = "as_of: 2026-06-30\r\n" + Self.items("services", 12_000) + "incidents: [1, 2]\n"
        let (split, documents) = Self.halves(text)
        #expect(split?.continuesList == true)
        let joined = try #require(documents?.first)
        let sequential = try Self.load(text, parallel: false).get()
        #expect(TreeComparison.same(joined.root, sequential.root))
        #expect(joined.root["services"]?.listValue?.count == 12_000)
        #expect(joined.root.mapValue?.keys.map { $0 } == [.string("as_of"), .string("services"), .string("incidents")])
        Self.expectSameAsOnePiece(text)
    }

    @Test func aCutAtATopLevelKeyJoinsTheTwoMappings() throws {
        var text = ""
        for group in 0..<14_000 {
            text += "group-\(group):\n  members:\n    - {name: \"ü\(group)\", rank: \(group)}\n    - second\n  note: plain text\n"
        }
        let (split, documents) = Self.halves(text)
        #expect(split?.continuesList == false)
        let joined = try #require(documents?.first)
        let sequential = try Self.load(text, parallel: false).get()
        #expect(TreeComparison.same(joined.root, sequential.root))
        #expect(joined.root.mapValue?.count == 14_000)
    }

    /// Files over the in-memory limit are read through a memory map, half by each core.
    @Test func aLargeFileIsReadInTwoHalvesFromItsMap() throws {
        let text = "as_of: 2026-06-30\n" + Self.items("services", 50_000) + "incidents: [1, 2]\n"
        #expect(text.utf8.count > LoadOptions().keepSourceLimit)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("parallel-\(UInt64.random(in: 0...UInt64.max)).yaml").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var options = LoadOptions()
        let parallel = try DocumentLoader.load(path: path, options: options)
        options.parallel = false
        let sequential = try DocumentLoader.load(path: path, options: options)
        #expect(parallel.count == 1 && sequential.count == 1)
        #expect(TreeComparison.same(parallel[0].root, sequential[0].root))
        #expect(parallel[0].root["services"]?.listValue?.mark(at: 49_999) == SourceMark(line: 2 + 4 * 49_999 + 1, column: 5))
    }

    /// Text in the middle of a large file where the line-start guess cuts in the wrong place or
    /// the halves cannot be read apart; the halves are refused and the result is the one-piece
    /// parse's. (Named cases: the texts are long, and a test's arguments are printed in its log.)
    static let unsafeMiddles: [String: String] = [
        "block scalar": "notes: |\n" + String(repeating: "  - a line of text, not an item\n", count: 60),
        "quoted scalar": "quote: \"starts here\n" + String(repeating: "  - still inside the quotes\n", count: 60) + "  ends\"\n",
        "plain scalar": "plain: first words\n" + String(repeating: "  - more words\n", count: 60),
        "alias to the first half": "second:\n" + String(repeating: "  - *shared\n", count: 60),
        "lone CR line breaks": "crs:\r" + String(repeating: "  - an item after a CR\r", count: 60) + "\n",
        "root merge key": "<<: {merged: yes}\n" + items("merged", 30),
        "stand-in key in the second half": items("after", 30) + "_: taken\n",
    ]

    @Test(arguments: unsafeMiddles.keys.sorted())
    func aWrongOrUnsafeCutFallsBackToOnePiece(name: String) throws {
        let middle = try #require(Self.unsafeMiddles[name])
        let filler = 6_000
        let text = "anchor: &shared {id: x}\n" + Self.items("front", filler) + middle + Self.items("final", filler)
        let middleStart = text.utf8.count - Self.items("final", filler).utf8.count - middle.utf8.count
        let (split, documents) = Self.halves(text)
        let cut = try #require(split)
        // A lone CR is no line start for the guess, so there the cut lands just after the text.
        #expect(cut.offset >= middleStart && cut.offset <= middleStart + middle.utf8.count, "the cut lands in the \(name)")
        let refused = documents == nil
        #expect(refused)
        Self.expectSameAsOnePiece(text)
    }

    /// Mistakes in either half are reported exactly as the one-piece parse reports them
    /// (`occurrence`: 0 changes the first place the text occurs, 1 the last).
    @Test(arguments: [
        ("duplicate key across the halves", "first:", "last:", 0),
        ("syntax error in the second half", "  - id: last-5000", "  - id: [last-5000", 1),
        ("syntax error in the first half", "  - id: first-10", "  - id: {first-10", 0),
        ("invalid UTF-8 in the second half", "ü 5500", "\u{FFFD} 5500", 1),
    ])
    func errorsAreReportedAsInOnePiece(name: String, original: String, broken: String, occurrence: Int) throws {
        let text = Self.items("first", 6_000) + Self.items("last", 6_000)
        var bytes = Array(text.utf8)
        let target = Array(original.utf8)
        let found = Self.ranges(of: target, in: bytes)
        let position = try #require(occurrence == 0 ? found.first : found.last)
        bytes.replaceSubrange(position..<position + target.count, with: Array(broken.utf8))
        if name.hasPrefix("invalid UTF-8") {
            // U+FFFD (EF BF BD) becomes a truncated sequence.
            bytes[position + 1] = 0x41
        }
        var options = LoadOptions()
        options.format = .yaml
        var results: [String] = []
        for parallel in [true, false] {
            options.parallel = parallel
            switch Result(catching: { () throws(DocumentError) in try DocumentLoader.load(bytes: bytes, name: "big.yaml", options: options) }) {
            case .success: results.append("accepted")
            case .failure(let error): results.append(error.rendered)
            }
        }
        #expect(results[0] != "accepted", "\(name) is rejected")
        #expect(results[0] == results[1])
    }

    private static func ranges(of needle: [UInt8], in haystack: [UInt8]) -> [Int] {
        guard let first = needle.first else { return [] }
        var found: [Int] = []
        var i = 0
        while i + needle.count <= haystack.count {
            if haystack[i] == first && Array(haystack[i..<i + needle.count]) == needle { found.append(i) }
            i += 1
        }
        return found
    }

    /// Documents with every construct a line-start guess can misread, valid and not (duplicate
    /// keys, an item less indented than its list). Each is cut at every line start, both ways (as
    /// a list item and as a top-level key): the halves must either be refused or join to exactly
    /// the one-piece parse, and never join where it fails.
    static let trickyDocuments: [String: String] = [
        "snapshot": """
        as_of: 2026-06-30\r
        services:\r
          - id: s1
            tags: [a, b]
            sla: {target: 99.5}
          - id: s2
            contacts:
              - name: Ann
              - name: Bo
        incidents:
        - id: i1
        - id: i2
          note: ~
        -
        - [x, y]
        - - nested
          - list
        suppliers: []

        """,
        "block scalars": """
        notes: |
          - looks like an item
          key: looks like a key
        folded: >-
          text
          - more
        items:
          - |2
             - deep
          - >
            - folded item
          - keep: |+
              line

        tail: end
        kept: |+
          text

        # a comment after blank lines

        next: |+
          more
        # a comment right after
        last: |-
          folded

        final: 1

        """,
        "quoted and plain scalars": """
        double: "first
          - second
        third: not a key"
        single: 'it''s
        - on: purpose'
        plain: words
          - continue here
        list:
          - "a
          - b"
          - plain
            - continued
        end: 1

        """,
        "flow collections": """
        flow: {a: 1,
          b: [x,
          -y],
          c: 3}
        list:
          - {k: v,
             - w: z}
          - [1,
          2]
        after: ok

        """,
        "anchors, aliases and merges": """
        base: &base {x: 1, y: 2}
        list:
          - &first {id: a}
          - *first
          - <<: *base
            y: 3
        copy: *base
        more:
          - id: b

        """,
        "comments, blanks, markers and odd keys": """
        ---
        # a comment
        "quoted key": 1
        'single': 2
        ? complex
        : value
        key with spaces: x
        list:
        # comment in the list
          - a   # trailing

          - b
        url: http://example.com/x
        ...

        """,
        "two documents": """
        a: 1
        list:
          - x
          - y
        ---
        b: 2
        list:
          - z

        """,
        "duplicate keys": """
        a: 1
        list:
          - x
        b: 2
        a: 3
        list2:
          - y

        """,
        "root merge key": """
        <<: {merged: yes}
        list:
          - a
          - b
        after: 1

        """,
        "misindented item": """
        services:
          - id: s1
          - id: s2
        - id: s3
        incidents:
        - id: i1

        """,
        "flow list before an item": """
        key:
          [a, b]
          - c
        other: 1

        """,
        "explicit keys": """
        first: 0
        ?
        key: v
        ? a
        : b
        list:
        - ? x
          : y
        - z
        after: 1

        """,
        "nested lists": """
        top:
        - - a
          - b
        - id: 1
          tags:
          - x
          - y
        -
          - deep
        end: 2

        """,
        "indented root": """
          a: 1
          list:
          - x
          - y
          b: 2

        """,
    ]

    /// Valid documents whose halves are refused wherever they are cut: several documents, a root
    /// merge key, a root mapping not in column 1.
    static let neverCut: Set<String> = ["two documents", "root merge key", "indented root"]

    @Test(arguments: trickyDocuments.keys.sorted())
    func everyCutIsRefusedOrExact(name: String) throws {
        let text = try #require(Self.trickyDocuments[name])
        let bytes = Array(text.utf8)
        let source = SourceText(name: "tricky.yaml", bytes: bytes)
        let loader = YAMLLoader(source: source, options: LoadOptions())
        var sequentialOptions = LoadOptions()
        sequentialOptions.parallel = false
        let sequential = Result { () throws(DocumentError) in try DocumentLoader.load(bytes: bytes, name: "tricky.yaml", options: sequentialOptions) }
        var joined = 0
        bytes.withUnsafeBufferPointer { buffer in
            let lineStarts = [0] + bytes.indices.filter { bytes[$0] == 0x0A && $0 + 1 < bytes.count }.map { $0 + 1 }
            for offset in lineStarts where offset > 0 {
                for continuesList in [true, false] {
                    let split = YAMLSplit(offset: offset, continuesList: continuesList)
                    guard let documents = loader.loadHalves(buffer, split, mapped: nil) else { continue }
                    joined += 1
                    guard case .success(let expected) = sequential, expected.count == documents.count else {
                        Issue.record("\(name): a cut at byte \(offset) (list: \(continuesList)) joined what the one-piece parse rejects")
                        continue
                    }
                    let same = zip(expected, documents).allSatisfy { TreeComparison.same($0.root, $1.root) && $0.rootMark == $1.rootMark }
                    #expect(same, "\(name): a cut at byte \(offset) (list: \(continuesList)) joined to a different tree")
                }
            }
        }
        // A valid document that can be cut somewhere is cut somewhere: the test is not all refusals.
        if case .success = sequential, !Self.neverCut.contains(name) {
            #expect(joined > 0, "\(name) is never cut")
        }
    }

    @Test func lineFeedsAreCountedExactly() {
        let text = Array("a\nbb\n\nccc\r\nddddddddd\ne".utf8)
        text.withUnsafeBufferPointer { buffer in
            for end in 0...text.count {
                #expect(YAMLSplit.lineFeeds(buffer, upTo: end) == text[0..<end].filter { $0 == 0x0A }.count)
            }
        }
    }
}
