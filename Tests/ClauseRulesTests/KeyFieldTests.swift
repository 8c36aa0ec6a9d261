@testable import ClauseRules
import Testing

/// A rule's key of the form `x.f` is read straight from the element; anything else runs the
/// key's program, so it must not be mistaken for a plain field.
@Suite struct KeyFieldTests {
    @Test(arguments: [
        ("inc.id", "id"), ("inc._ref2", "_ref2"), ("inc.id2", "id2"),
        ("inc.sla.id", nil), ("other.id", nil), ("inc.1d", nil), ("inc.", nil), ("inc", nil),
        ("inc.id + 'x'", nil), ("inc.ïd", nil), (" inc.id", nil), ("inc.id()", nil),
    ] as [(String, String?)])
    func plainFieldsOnly(_ source: String, _ field: String?) {
        #expect(Engine.BoundPrograms.field(of: source, on: "inc") == field)
    }
}
