import ClauseExpression
import ClauseValue
import Testing

/// A prepared program gives what `evaluate(slots:)` gives for the same slots, element after
/// element: values, errors, and nothing left over from the element before.
@Suite struct PreparedProgramTests {
    static let sources = [
        "it.n > limit && services.exists(s, s == it.service)",
        "cel.bind(x, it.n * 2, [1, 2, 3].map(v, v + x)).size() == 3 ? it.n / (it.n - 3) : 0",
        "has(it.tags) ? it.tags.filter(t, t != '').join(',') : 'none'",
        "it.n",
    ]

    static func element(_ i: Int) -> Value {
        var keys: [Value] = [.string("n"), .string("service")]
        var values: [Value] = [.int(Int64(i % 7)), .string("S\(i % 4)")]
        if i % 3 == 0 {
            keys.append(.string("tags"))
            values.append(.list(ValueList([.string("a\(i)"), .string(""), .string("b")])))
        }
        return i % 11 == 10 ? .string("not a map") : .map(ValueMap(keys: keys, values: values))
    }

    static func outcome(_ body: () throws(EvaluationError) -> Value) -> String {
        do { return "\(try body())" } catch { return "error: \(error.message) @\(error.offset.map(String.init) ?? "-")" }
    }

    @Test(arguments: sources)
    func sameAsEvaluatingWithSlots(_ source: String) throws {
        let program = try Program.compile(source, environment: Environment(variables: ["it", "limit", "services"]))
        let fixed: [String: Value] = ["limit": .int(2), "services": .list(ValueList([.string("S1"), .string("S2")]))]
        let slots = program.variables.map { fixed[$0] ?? .null }
        let varying = try #require(program.variables.firstIndex(of: "it"))
        let prepared = PreparedProgram(program, slots: slots, varying: varying)
        for i in 0..<200 {
            var these = slots
            these[varying] = Self.element(i)
            let expected = Self.outcome { () throws(EvaluationError) in try program.evaluate(slots: these) }
            #expect(Self.outcome { () throws(EvaluationError) in try prepared.evaluate(Self.element(i)) } == expected, "\(source) on element \(i)")
        }
    }

    /// The element and the values an evaluation built are released once it is done.
    @Test func keepsNothingAlive() throws {
        // Without memos: a memo holds the lists it was keyed by until its next lookup.
        let program = try Program.compile("cel.bind(l, [it, it], l.map(x, x).size())", environment: Environment(variables: ["it"], memoize: false))
        let prepared = PreparedProgram(program, slots: [.null], varying: 0)
        weak var kept: ValueList?
        do {
            let list = ValueList((0..<10).map { .int(Int64($0)) })
            kept = list
            #expect(try prepared.evaluate(.list(list)) == .int(2))
        }
        #expect(kept == nil)
    }
}
