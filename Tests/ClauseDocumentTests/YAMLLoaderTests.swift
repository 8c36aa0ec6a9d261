import ClauseDiagnostics
import ClauseDocument
import ClauseValue
import Testing

@Suite struct YAMLLoaderTests {
    static func root(_ text: String) throws(DocumentError) -> Value {
        try DocumentLoader.load(text: text, name: "t.yaml")[0].root
    }

    @Test(arguments: [
        ("NO", Value.string("NO")), ("yes", .string("yes")), ("off", .string("off")), ("On", .string("On")),
        ("true", .bool(true)), ("False", .bool(false)), ("TRUE", .bool(true)),
        ("~", .null), ("null", .null), ("Null", .null), ("", .null),
        ("12", .int(12)), ("-12", .int(-12)), ("+12", .int(12)), ("0o17", .int(15)), ("0x1F", .int(31)),
        ("1.5", .double(1.5)), ("-.5", .double(-0.5)), ("1e3", .double(1000)), ("1.", .double(1)),
        (".inf", .double(.infinity)), ("-.Inf", .double(-.infinity)),
        ("18446744073709551615", .uint(UInt64.max)), ("1:20", .string("1:20")), ("0b11", .string("0b11")),
        ("2026-03-01", .string("2026-03-01")), ("'123'", .string("123")), ("\"true\"", .string("true")),
    ])
    func coreSchemaResolution(text: String, expected: Value) throws {
        #expect(try Self.root("v: \(text)\n")["v"] == expected)
    }

    @Test func nanResolves() throws {
        guard case .double(let d)? = try Self.root("v: .nan\n")["v"] else { Issue.record("not a double"); return }
        #expect(d.isNaN)
    }

    @Test(arguments: [
        ("!!str 12", Value.string("12")), ("!!int \"12\"", .int(12)), ("!!float 1", .double(1)),
        ("!!bool 'true'", .bool(true)), ("!!null ''", .null), ("!custom 12", .string("12")),
        ("!!binary aGk=", .string("aGk=")), ("!!set {a: null}", .map([(.string("a"), .null)])),
    ])
    func explicitTags(text: String, expected: Value) throws {
        #expect(try Self.root("v: \(text)\n")["v"] == expected)
    }

    @Test func tagMismatchIsLocated() {
        #expect(throws: DocumentError.self) { try Self.root("a: 1\nv: !!int twelve\n") }
        do { _ = try Self.root("a: 1\nv: !!int twelve\n") } catch {
            #expect(error.rendered == """
            t.yaml:2:4: error: 'twelve' is not a valid !!int
                v: !!int twelve
                   ^
            """)
        }
    }

    @Test func duplicateKeysNameBothLocations() {
        do {
            _ = try Self.root("a: 1\nb: 2\na: 3\n")
            Issue.record("accepted a duplicate key")
        } catch {
            #expect(error.kind == .duplicateKey)
            #expect(error.rendered == """
            t.yaml:3:1: error: duplicate key 'a' in mapping
                a: 3
                ^
                note: first defined at t.yaml:1:1
            """)
        }
    }

    @Test func mergeKeysKeepExplicitValues() throws {
        let root = try Self.root("base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\n")
        #expect(root["m"]?["x"] == .int(1))
        #expect(root["m"]?["y"] == .int(3))
    }

    @Test func mergeOfAListOfMaps() throws {
        let root = try Self.root("a: &a {x: 1}\nb: &b {x: 2, z: 3}\nm:\n  <<: [*a, *b]\n")
        #expect(root["m"]?["x"] == .int(1))
        #expect(root["m"]?["z"] == .int(3))
    }

    @Test func multiDocumentStreams() throws {
        let docs = try DocumentLoader.load(text: "a: 1\n---\nb: 2\n...\n---\n- x\n", name: "t.yaml")
        #expect(docs.count == 3)
        #expect(docs[2].root == .list([.string("x")]))
        #expect(docs[1].rootMark == SourceMark(line: 3, column: 1))
    }

    @Test func marksPointAtEachValue() throws {
        let root = try Self.root("services:\n  - id: s1\n    sla:\n      target: 99.9\n")
        let services = try #require(root["services"]?.listValue)
        #expect(services.mark(at: 0) == SourceMark(line: 2, column: 5))
        let sla = try #require(services[0]["sla"]?.mapValue)
        #expect(sla.mark(at: 0) == SourceMark(line: 4, column: 15))
    }

    @Test func syntaxErrorsRenderLibyamlsProblem() {
        do {
            _ = try Self.root("a: [1, 2\nb: 3\n")
            Issue.record("accepted broken flow sequence")
        } catch {
            #expect(error.kind == .syntax)
            #expect(error.rendered.hasPrefix("t.yaml:2:2: error: did not find expected ',' or ']'"))
            #expect(error.rendered.contains("while parsing a flow sequence at t.yaml:1:4"))
        }
    }

    @Test func undefinedAliasIsLocated() {
        do {
            _ = try Self.root("a: *nope\n")
            Issue.record("accepted an undefined alias")
        } catch {
            #expect(error.diagnostic.description == "t.yaml:1:4: error: undefined alias 'nope'")
        }
    }

    @Test func columnsCountScalarsNotBytes() throws {
        let root = try Self.root("é: [1, ü]\n")
        let list = try #require(root["é"]?.listValue)
        #expect(list.mark(at: 1) == SourceMark(line: 1, column: 8))
    }
}
