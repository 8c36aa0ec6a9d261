import ClauseDiagnostics
import ClauseSchema
import ClauseValue
import Testing

/// Mistakes in a schema are errors with their location, all reported together; nothing in a
/// schema can make compiling or validating loop.
@Suite struct CompileErrorTests {
    static func errors(_ json: String) throws -> DiagnosticError {
        try #require(try SchemaFixtures.compileErrors(json))
    }

    @Test func aMisspeltKeywordIsLocatedWithASuggestion() throws {
        let error = try Self.errors("""
        {
          "type": "object",
          "properties": {
            "id": {"type": "string"}
          },
          "requried": ["id"]
        }
        """)
        #expect(error.rendered == """
        schema.json:6:3: error: unknown schema keyword 'requried'
              "requried": ["id"]
              ^
            note: did you mean 'required'?
        """)
    }

    @Test func aDanglingRefIsLocated() throws {
        let error = try Self.errors("""
        {
          "$defs": {"address": {"type": "string"}},
          "properties": {"home": {"$ref": "#/$defs/adress"}}
        }
        """)
        #expect(error.diagnostics.map(\.description) == [
            "schema.json:3:35: error: $ref '#/$defs/adress' does not resolve: there is no 'adress' in '#/$defs'",
        ])
        #expect(error.diagnostics.first?.notes == ["did you mean '#/$defs/address'?"])
    }

    @Test func everyProblemIsReportedAtOnce() throws {
        let error = try Self.errors("""
        {
          "type": "strin",
          "minLength": -1,
          "pattern": "(",
          "format": "email",
          "patternProperties": {},
          "$ref": "other.json#/x",
          "items": {"$ref": "#foo"},
          "x-owner": "ignored",
          "title": "Snapshot"
        }
        """)
        #expect(error.diagnostics.map { "\($0.location.line):\($0.location.column) \($0.message)" } == [
            "2:11 'strin' is not a JSON Schema type (object, array, string, integer, number, boolean, null)",
            "3:16 'minLength' must be a non-negative integer, not -1",
            "4:14 'pattern' is not a valid regular expression (RE2 syntax): missing closing )",
            "5:13 format 'email' is not supported; Clause checks date, date-time, past-date, past-date-time",
            "6:3 'patternProperties' is a JSON Schema keyword Clause does not support",
            "7:11 $ref 'other.json#/x' is not a reference into this schema; only JSON pointers (#/...) are resolved, not remote or relative URIs",
            "8:21 $ref '#foo' names an anchor; only JSON pointers (#/...) are resolved, not $anchor names",
        ])
    }

    @Test func aRefCycleThatNeverDescendsIsAnError() throws {
        let error = try Self.errors("""
        {
          "$defs": {
            "a": {"$ref": "#/$defs/b"},
            "b": {"allOf": [{"$ref": "#/$defs/a"}]}
          },
          "$ref": "#/$defs/a"
        }
        """)
        #expect(error.diagnostics.count == 1)
        #expect(error.diagnostics[0].message.hasPrefix("$ref cycle that never descends into the value"))
        #expect(try Self.errors(##"{"anyOf": [{"$ref": "#"}]}"##).diagnostics.count == 1)
    }

    @Test func aRecursiveSchemaThatDescendsValidatesFiniteData() throws {
        let schema = try SchemaFixtures.schema("""
        {
          "$defs": {
            "node": {
              "type": "object",
              "required": ["name"],
              "properties": {"name": {"type": "string"}, "children": {"type": "array", "items": {"$ref": "#/$defs/node"}}}
            }
          },
          "$ref": "#/$defs/node"
        }
        """)
        let violations = try SchemaFixtures.violations(schema, yaml: """
        name: root
        children:
          - name: a
            children: [{name: b}, {children: []}]
        """)
        #expect(violations.map(\.message) == ["children[0].children[1]: missing required field 'name'"])
    }

    @Test func aHostilePatternCannotHang() throws {
        // Exponential for a backtracking engine; linear for the project's.
        let schema = try SchemaFixtures.schema(#"{"pattern": "^(a+)+$"}"#)
        let text = String(repeating: "a", count: 20_000) + "!"
        #expect(schema.validate(.string(text), rootMark: .none, now: nil).map(\.kind) == [.pattern])
    }

    @Test func aRefToTheRootIDResolvesLocally() throws {
        let schema = try SchemaFixtures.schema("""
        {"$id": "https://example.com/snapshot.json", "$defs": {"n": {"type": "integer"}},
         "properties": {"a": {"$ref": "https://example.com/snapshot.json#/$defs/n"}}}
        """)
        #expect(schema.validate(.map([(.string("a"), .string("x"))]), rootMark: .none, now: nil).map(\.kind) == [.type])
    }
}
