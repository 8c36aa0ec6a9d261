import ClauseDocument
import ClauseSchema
import ClauseValue
import Testing

/// Validation recurses with the instance, so it must stand the loaders' deepest documents.
@Suite struct DeepInstanceTests {
    static let recursive = """
    {"$defs": {"list": {"type": "array", "items": {"anyOf": [{"$ref": "#/$defs/list"}, {"type": "integer"}]}}},
     "$ref": "#/$defs/list"}
    """

    @Test func theDeepestLoadableDocumentValidates() throws {
        let schema = try SchemaFixtures.schema(Self.recursive)
        let depth = LoadOptions().maxDepth
        let json = String(repeating: "[", count: depth) + "\"x\"" + String(repeating: "]", count: depth)
        let document = try SchemaFixtures.load(json, name: "deep.json")
        let violations = schema.validate(document.root, rootMark: document.rootMark, now: nil)
        #expect(violations.count == 1)
        #expect(violations.first?.kind == .anyOf)
        #expect(violations.first?.path.hasSuffix("[0][0]") == true)
    }

    @Test func aValueBuiltDeeperThanAnyFileIsStoppedNotOverflowed() throws {
        let schema = try SchemaFixtures.schema(Self.recursive)
        var value = Value.int(1)
        for _ in 0..<5_000 { value = .list([value]) }
        let violations = schema.validate(value, rootMark: .none, now: nil)
        #expect(!violations.isEmpty)
    }
}
