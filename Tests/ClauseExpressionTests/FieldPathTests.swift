import ClauseExpression
import Testing

/// `Program.fieldPath`: an expression that is one plain path over a variable, which callers read
/// without evaluating (a rule's `inc.id` key, an import's `row.number`); anything else must not
/// be mistaken for one.
@Suite struct FieldPathTests {
    @Test(arguments: [
        ("inc.id", "inc", ["id"]), ("inc._ref2", "inc", ["_ref2"]), ("inc.id2", "inc", ["id2"]),
        (" inc.id ", "inc", ["id"]), ("inc.sla.id", "inc", ["sla", "id"]), ("other.id", "other", ["id"]),
        ("inc['opened at']", "inc", ["opened at"]), ("inc.sla['id']", "inc", ["sla", "id"]),
        ("inc", nil, nil), ("inc.id + 'x'", nil, nil), ("has(inc.id)", nil, nil), ("inc.?id", nil, nil),
        ("inc[?'id']", nil, nil), ("inc[other.id]", nil, nil), ("[inc][0].id", nil, nil), ("{'id': 1}.id", nil, nil),
        ("inc.ids.map(x, x)", nil, nil), ("cel.bind(x, inc, x.id)", nil, nil),
    ] as [(String, String?, [String]?)])
    func onePlainPathOnly(_ source: String, _ variable: String?, _ fields: [String]?) throws {
        let program = try Program.compile(source, environment: Environment(variables: ["inc", "other"]))
        #expect(program.fieldPath?.variable == variable, "\(source)")
        #expect(program.fieldPath?.fields == fields, "\(source)")
    }
}
