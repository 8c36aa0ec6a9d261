import ClauseDocument
import Testing

/// The depth limit holds with aliases expanded: an alias inserts a subtree already built, so
/// anchors nesting each other must not build values deeper than the limit.
@Suite struct AliasDepthTests {
    static func chain(levels: Int, links: Int) -> String {
        var text = "a0: &a0 " + String(repeating: "[", count: levels) + "1" + String(repeating: "]", count: levels) + "\n"
        for i in 1..<max(links, 1) {
            text += "a\(i): &a\(i) " + String(repeating: "[", count: levels) + "*a\(i - 1)" + String(repeating: "]", count: levels) + "\n"
        }
        return text
    }

    @Test func anchorsNestingEachOtherAreTooDeep() throws {
        do {
            _ = try DocumentLoader.load(text: Self.chain(levels: 500, links: 20), name: "bomb.yaml")
            Issue.record("a value 10,000 levels deep was built")
        } catch {
            #expect(error.kind == .tooDeep)
            #expect(error.message == "alias 'a0' nests deeper than 512 levels")
            #expect(error.location.line == 2)
        }
    }

    @Test func aliasesWithinTheLimitLoad() throws {
        let documents = try DocumentLoader.load(text: Self.chain(levels: 200, links: 2), name: "ok.yaml")
        #expect(documents.count == 1)
    }

    @Test func anAliasAtTheLimitIsStillAllowed() throws {
        // Depth 10: the root map and six lists hold the alias of a three-level value (10 levels).
        var options = LoadOptions()
        options.maxDepth = 10
        #expect(throws: Never.self) { try DocumentLoader.load(text: "a: &a [[[1]]]\nb: [[[[[[*a]]]]]]\n", name: "x.yaml", options: options) }
        #expect(throws: DocumentError.self) { try DocumentLoader.load(text: "a: &a [[[1]]]\nb: [[[[[[[*a]]]]]]]\n", name: "x.yaml", options: options) }
    }
}
