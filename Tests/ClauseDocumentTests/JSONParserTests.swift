import ClauseDiagnostics
import ClauseDocument
import ClauseValue
import Testing

@Suite struct JSONParserTests {
    static func root(_ text: String) throws(DocumentError) -> Value {
        var options = LoadOptions()
        options.format = .json
        return try DocumentLoader.load(text: text, name: "t.json", options: options)[0].root
    }

    @Test(arguments: [
        ("0", Value.int(0)), ("-0", .int(0)), ("-0.0", .double(-0.0)), ("9223372036854775807", .int(.max)),
        ("-9223372036854775808", .int(.min)), ("9223372036854775808", .double(9_223_372_036_854_775_808)),
        ("1e2", .double(100)), ("1.5E-3", .double(0.0015)),
    ])
    func numbers(text: String, expected: Value) throws {
        #expect(try Self.root(text) == expected)
    }

    @Test(arguments: ["1e400", "-1e400"])
    func hugeExponentsAreErrors(text: String) {
        #expect(throws: DocumentError.self) { try Self.root(text) }
    }

    @Test(arguments: ["\"\\uD800\"", "\"\\uDC00x\"", "\"\\uD800\\u0041\""])
    func loneSurrogatesAreErrors(text: String) {
        #expect(throws: DocumentError.self) { try Self.root(text) }
    }

    @Test func surrogatePairsDecode() throws {
        #expect(try Self.root("\"\\uD83D\\uDE00\"") == .string("😀"))
    }

    @Test func errorsRenderWithCaret() {
        do {
            _ = try Self.root("{\n  \"a\": [1, 2,]\n}")
            Issue.record("accepted a trailing comma")
        } catch {
            #expect(error.rendered == """
            t.json:2:14: error: unexpected character ']'; expected a value
                  "a": [1, 2,]
                             ^
            """)
        }
    }

    @Test func marksCountScalarsAfterMultibyteText() throws {
        let root = try Self.root("{\"é\": \"ü\", \"b\": 2}")
        let map = try #require(root.mapValue)
        #expect(map.mark(at: 1) == SourceMark(line: 1, column: 17))
    }
}
