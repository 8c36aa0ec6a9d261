import ClauseDiagnostics
import ClauseSchema
import ClauseValue
import Testing

/// What a user reads: paths as Clause prints them, the value as written, what was expected.
@Suite struct ViolationMessageTests {
    static let schema = Result { try SchemaFixtures.schema(SchemaFixtures.snapshotSchema) }

    @Test func messagesNameThePathTheValueAndTheExpectation() throws {
        let violations = try SchemaFixtures.violations(Self.schema.get(), yaml: """
        as_of: 2026-06-30
        services:
          - status: live
          - id: SVC-2
            status: live
          - id: SVC-3
            status: retired
          - id: SVC-4
            status: Live
            sla:
              reviewed_on: 01/02/2026
              availability_target: 100
        incidnets: []
        """)
        #expect(violations.map(\.message) == [
            "services[0]: missing required field 'id'",
            "services[3].status: 'Live' is not one of live, pipeline, retired",
            "services[3].sla.reviewed_on: '01/02/2026' is not a date (YYYY-MM-DD)",
            "services[3].sla.availability_target: 100 is not less than 100 (exclusive maximum)",
            "incidnets: unknown field; did you mean 'incidents'?",
        ])
        #expect(violations.map(\.kind) == [.required, .enumeration, .format, .maximum, .unknownProperty])
        #expect(violations.map(\.path) == ["services[0]", "services[3].status", "services[3].sla.reviewed_on",
                                           "services[3].sla.availability_target", "incidnets"])
        #expect(violations.last?.suggestion == "incidents")
        #expect(violations.dropLast().allSatisfy { $0.suggestion == nil })
    }

    @Test func everyKindOfValueIsShownAsWritten() throws {
        let violations = try SchemaFixtures.violations(Self.schema.get(), yaml: """
        services:
          - {id: 42, status: live, owner: ""}
          - {id: SVC-x, status: [live], owner: null, sla: 3}
        labels: {"a.b": 1, team: ops}
        """)
        #expect(violations.map(\.message) == [
            "services[0].id: 42 is not a string",
            "services[0].owner: '' is shorter than 1 character",
            "services[1].id: 'SVC-x' does not match the pattern ^SVC-[0-9]+$",
            "services[1].status: a list of 1 is not one of live, pipeline, retired",
            "services[1].sla: 3 is not an object",
            "labels[\"a.b\"]: 1 is not a string",
        ])
    }

    @Test func noSuggestionWhenNothingIsClose() throws {
        let violations = try SchemaFixtures.violations(Self.schema.get(), yaml: "suppliers: []\n")
        #expect(violations.map(\.message) == ["suppliers: unknown field"])
        #expect(violations.first?.suggestion == nil)
        #expect(violations.first?.kind == .unknownProperty)
    }

    @Test func unknownFieldsAreNotDescendedInto() throws {
        let schema = try SchemaFixtures.schema(#"{"properties": {"name": {"type": "integer"}}, "additionalProperties": false}"#)
        let violations = schema.validate(.map([(.string("nmae"), .map([(.string("name"), .string("x"))]))]), rootMark: .none, now: nil)
        #expect(violations.map(\.message) == ["nmae: unknown field; did you mean 'name'?"])
    }

    @Test func theDocumentItselfIsTheRootPath() throws {
        let schema = try SchemaFixtures.schema(#"{"type": "object", "required": ["services"]}"#)
        #expect(schema.validate(.list([]), rootMark: .none, now: nil).map(\.message) == ["$: an empty list is not an object"])
        #expect(schema.validate(.map([]), rootMark: .none, now: nil).map(\.message) == ["$: missing required field 'services'"])
    }

    @Test func valuesBuiltInCodeHaveNoMarks() throws {
        let schema = try Self.schema.get()
        let instance = Value.map([(.string("services"), .list([.map([(.string("status"), .string("gone"))])]))])
        let violations = schema.validate(instance, rootMark: .none, now: nil)
        #expect(violations.map(\.message) == [
            "services[0]: missing required field 'id'",
            "services[0].status: 'gone' is not one of live, pipeline, retired",
        ])
        #expect(violations.allSatisfy { $0.mark == .none })
    }

    @Test func numbersCompareAsJSONNumbers() throws {
        let schema = try SchemaFixtures.schema(#"{"items": {"type": "integer", "minimum": 1, "enum": [1, 2, 3]}, "uniqueItems": true}"#)
        #expect(schema.validate(.list([.int(1), .double(2.0), .uint(3)]), rootMark: .none, now: nil).isEmpty)
        #expect(schema.validate(.list([.int(1), .double(1.0)]), rootMark: .none, now: nil).map(\.message) == [
            "$: items 0 and 1 are equal; items must be unique",
        ])
        #expect(schema.validate(.list([.double(0.5)]), rootMark: .none, now: nil).map(\.message) == [
            "[0]: 0.5 is not an integer",
            "[0]: 0.5 is less than the minimum 1",
        ])
        // Values JSON cannot hold match no JSON type.
        #expect(schema.validate(.list([.timestamp(Timestamp(seconds: 0))]), rootMark: .none, now: nil).map(\.kind) == [.type])
    }

    @Test func aDiscriminatedAlternativeReportsItsOwnViolations() throws {
        let schema = try SchemaFixtures.schema("""
        {"items": {"oneOf": [
          {"type": "object", "properties": {"kind": {"const": "audit"}, "date": {"type": "string", "format": "date"}}, "required": ["kind", "date"]},
          {"type": "object", "properties": {"kind": {"const": "review"}, "owner": {"type": "string"}}, "required": ["kind", "owner"]}
        ]}}
        """)
        let violations = try SchemaFixtures.violations(schema, yaml: """
        - {kind: audit, date: tomorrow}
        - {kind: review}
        - {kind: other}
        - 7
        """)
        #expect(violations.map(\.message) == [
            "[0].date: 'tomorrow' is not a date (YYYY-MM-DD)",
            "[1]: missing required field 'owner'",
            "[2]: an object matches none of the 2 alternatives (oneOf)",
            "[3]: 7 matches none of the 2 alternatives (oneOf)",
        ])
    }

    @Test func alternativesThatAllMatchOrNoneMatch() throws {
        let schema = try SchemaFixtures.schema(#"{"oneOf": [{"type": "integer"}, {"minimum": 2}], "not": {"const": 5}}"#)
        #expect(schema.validate(.int(3), rootMark: .none, now: nil).map(\.message) == [
            "$: 3 matches alternatives 1 and 2 of 2; exactly one must match (oneOf)",
        ])
        #expect(schema.validate(.double(1.5), rootMark: .none, now: nil).map(\.kind) == [.oneOf])
        #expect(schema.validate(.double(5), rootMark: .none, now: nil).map(\.kind) == [.oneOf, .not])
        let anyOf = try SchemaFixtures.schema(#"{"anyOf": [{"type": "string"}, {"type": "null"}]}"#)
        #expect(anyOf.validate(.int(1), rootMark: .none, now: nil).map(\.message) == ["$: 1 matches none of the 2 alternatives (anyOf)"])
    }

    @Test func rootPropertiesAreTheSections() throws {
        #expect(try Self.schema.get().rootProperties == ["as_of", "services", "incidents", "internal_audits", "labels"])
        let viaRef = try SchemaFixtures.schema(##"{"$ref": "#/$defs/root", "$defs": {"root": {"properties": {"a": true, "b": false}}}}"##)
        #expect(viaRef.rootProperties == ["a", "b"])
    }
}
