import ClauseExpression
import ClauseValue
import Testing

func eval(_ source: String, _ vars: [String: Value] = [:], limits: Limits = Limits()) throws -> Value {
    let p = try Program.compile(source, environment: Environment(variables: Array(vars.keys), limits: limits))
    return try p.evaluate(Activation(vars))
}

func evalError(_ source: String, _ vars: [String: Value] = [:], limits: Limits = Limits()) -> String? {
    do {
        _ = try eval(source, vars, limits: limits)
        return nil
    } catch let e as EvaluationError {
        return e.message
    } catch {
        return "compile: \(error)"
    }
}

@Suite struct ExtensionTests {
    @Test(arguments: [
        ("date('2026-03-01') == timestamp('2026-03-01T00:00:00Z')", true),
        ("date('2026-03-01') + days(30) == date('2026-03-31')", true),
        ("days(2) == duration('48h')", true),
        ("'Hello'.lowerAscii() == 'hello' && 'Hello'.upperAscii() == 'HELLO'", true),
        ("'  x '.trim() == 'x'", true),
        ("'a,b,c'.split(',') == ['a', 'b', 'c']", true),
        ("['a', 'b'].join('-') == 'a-b' && ['a', 'b'].join() == 'ab'", true),
        ("'aXbX'.replace('X', '.') == 'a.b.' && 'aXbX'.replace('X', '.', 1) == 'a.bX'", true),
        ("'héllo'.charAt(1) == 'é' && 'héllo'.indexOf('l') == 2 && 'héllo'.lastIndexOf('l') == 3", true),
        ("'hello'.substring(1, 3) == 'el' && 'hello'.substring(3) == 'lo'", true),
        ("strings.quote('a\"b') == '\"a\\\\\"b\"'", true),
        ("'%s has %d items'.format(['cart', 3]) == 'cart has 3 items'", true),
        ("'abc'.reverse() == 'cba'", true),
        ("math.greatest(1, 2.5, 2u) == 2.5 && math.least([3, 1, 2]) == 1", true),
        ("timestamp('2026-03-01T10:00:00Z').getHours('Europe/Paris') == 11", true),
        ("timestamp('2026-03-01T10:00:00Z').getHours('-05:30') == 4", true),
        ("timestamp('2024-02-29T00:00:00Z').getDayOfYear() == 59", true),
        ("duration('1h30m').getMinutes() == 90", true),
        ("'ab12'.matches('^[a-z]+\\\\d{2}$') && !'ab1'.matches('^[a-z]+\\\\d{2}$')", true),
        ("'Hello'.matches('(?i)^hello$') && 'a word here'.matches('\\\\bword\\\\b')", true),
        ("cel.bind(x, 2, x * x) == 4", true),
        ("[1, 2, 3].map(x, x > 1, x * 10) == [20, 30]", true),
        ("{'a': 1, 'b': 2}.all(k, v, v > 0)", true),
        ("cidr('10.0.0.0/8').containsIP('10.1.2.3') && !cidr('10.0.0.0/8').containsIP(ip('192.168.0.1'))", true),
        ("ip('2001:DB8:0:0:0:0:0:1') == ip('2001:db8::1') && string(ip('2001:DB8::1')) == '2001:db8::1'", true),
        ("isIP('300.1.1.1') == false && ip('fe80::1').isLinkLocalUnicast()", true),
    ])
    func extensionsEvaluate(source: String, expected: Bool) throws {
        #expect(try eval(source) == .bool(expected))
    }

    @Test func heterogeneousNumbers() throws {
        #expect(try eval("1 == 1u && 1u == 1.0 && 1 < 1.5 && 2u > 1 && [1, 2.0] == [1.0, 2u]") == .bool(true))
        #expect(try eval("{1: 'a'}[1u]") == .string("a"))
    }

    @Test func errorsAreAbsorbedByLogicalOperators() throws {
        #expect(try eval("m.missing == 1 || true", ["m": .map([])]) == .bool(true))
        #expect(try eval("false && m.missing == 1", ["m": .map([])]) == .bool(false))
        #expect(evalError("m.missing == 1 && true", ["m": .map([])]) == "no such key: 'missing'")
        #expect(evalError("9223372036854775807 + x", ["x": .int(1)]) == "integer overflow")
    }

    @Test func typeValuesComeBackAsNames() throws {
        let p = try Program.compile("type(x)", environment: Environment(variables: ["x"]))
        #expect(try p.evaluateResult(Activation(["x": .int(1)])) == .type("int"))
        #expect(try p.evaluate(slots: [.string("s")]) == .string("string"))
    }
}

@Suite struct SafetyLimitTests {
    static let deep = 10_000

    /// Hostile shapes, built from an index so test names stay short.
    static func deepSource(_ shape: Int) -> String {
        let n = deep
        switch shape {
        case 0: return String(repeating: "(", count: n) + "1" + String(repeating: ")", count: n)
        case 1: return String(repeating: "[", count: n) + "1" + String(repeating: "]", count: n)
        case 2: return String(repeating: "-(", count: n) + "1" + String(repeating: ")", count: n)
        case 3: return String(repeating: "!", count: n) + "true"
        case 4: return String(repeating: "{1: ", count: n) + "1" + String(repeating: "}", count: n)
        case 5: return String(repeating: "a.", count: n) + "b"
        case 6: return String(repeating: "size(", count: n) + "1" + String(repeating: ")", count: n)
        case 7: return Array(repeating: "1", count: n).joined(separator: " + ")
        case 8: return String(repeating: "a[", count: n) + "1" + String(repeating: "]", count: n)
        default: return String(repeating: "true ? 1 : ", count: n) + "2"
        }
    }

    @Test(arguments: 0..<10)
    func deepExpressionIsACompileError(shape: Int) {
        var message: String? = nil
        do {
            _ = try Program.compile(Self.deepSource(shape), environment: Environment(variables: ["a"]))
        } catch {
            message = error.diagnostics.first?.message
        }
        #expect(message == "expression nested too deeply (limit 250)")
    }

    @Test func costBudget() {
        var limits = Limits()
        limits.costBudget = 1_000
        let big: Value = .list((0..<100).map { Value.int(Int64($0)) })
        #expect(evalError("l.all(x, l.all(y, x + y >= 0))", ["l": big], limits: limits) == "cost budget exceeded")
        #expect((try? eval("l.all(x, x >= 0)", ["l": big], limits: limits)) == .bool(true))
    }

    @Test func iterationLimit() {
        var limits = Limits()
        limits.maxIterations = 10
        let big: Value = .list((0..<11).map { Value.int(Int64($0)) })
        #expect(evalError("l.exists(x, x < 0)", ["l": big], limits: limits) == "comprehension exceeds the iteration limit of 10")
    }

    @Test func stringAndListSize() {
        var limits = Limits()
        limits.maxStringSize = 8
        limits.maxListSize = 4
        #expect(evalError("s + s", ["s": .string("abcde")], limits: limits) == "string size exceeds limit of 8 bytes")
        #expect(evalError("[s].join(s + '') + 'xxxxxxxx'", ["s": .string("a")], limits: limits) == "string size exceeds limit of 8 bytes")
        #expect(evalError("l + l", ["l": .list([.int(1), .int(2), .int(3)])], limits: limits) == "list size exceeds limit of 4 elements")
    }

    /// Each value within its own limit, yet many of them: what one evaluation builds in all is
    /// bounded, whichever way it is built.
    @Test(arguments: [
        "l.map(x, s + s).size()",                          // strings built by `+`, kept in a list
        "l.map(x, l.map(y, [s, s, s, s])).size()",       // list literals
        "l.map(x, l.map(y, {'a': s, 'b': s})).size()",   // map literals
        "l.map(x, l.transformMap(i, v, v)).size()",      // maps built by a comprehension
        "l.map(x, s.upperAscii()).size()",               // strings built by functions
    ])
    func memoryBound(source: String) {
        var limits = Limits()
        limits.maxBuiltBytes = 1 << 20
        let s: Value = .string(String(repeating: "x", count: 64 << 10))
        let l: Value = .list((0..<200).map { Value.int(Int64($0)) })
        #expect(evalError(source, ["s": s, "l": l], limits: limits) == "memory limit exceeded: this evaluation built more than 1 MiB of values")
        // The same work on four elements is within the bound.
        let small: Value = .list((0..<4).map { Value.int(Int64($0)) })
        #expect(evalError(source, ["s": s, "l": small], limits: limits) == nil)
    }

    @Test(.timeLimit(.minutes(1))) func pathologicalRegexIsLinear() throws {
        let clock = ContinuousClock()
        let text = String(repeating: "a", count: 20_000)
        let start = clock.now
        #expect(try eval("s.matches('(a*)*b')", ["s": .string(text)]) == .bool(false))
        #expect(try eval("s.matches('(a|aa)+$')", ["s": .string(text)]) == .bool(true))
        #expect(try eval("s.matches(p)", ["s": .string(text), "p": .string("(a+)+c")]) == .bool(false))
        #expect(clock.now - start < .seconds(10))
    }
}

@Suite struct APITests {
    @Test func slotsFollowTheVariablesOrder() throws {
        let p = try Program.compile("b.size() > a", environment: Environment(variables: ["a", "b", "unused"]))
        #expect(p.variables == ["b", "a"])
        #expect(try p.evaluate(slots: [.string("abc"), .int(2)]) == .bool(true))
    }

    @Test func missingVariableIsAnEvaluationError() {
        #expect(evalError("x > 1", [:]) != nil)
        let p = try? Program.compile("x > 1", environment: Environment(variables: ["x"]))
        #expect(throws: EvaluationError.self) { try p?.evaluate(Activation()) }
    }

    @Test func lazyLookupThroughTheFallback() throws {
        let p = try Program.compile("snapshot.services.size() == 1", environment: Environment(variables: ["snapshot"]))
        let act = Activation(fallback: { name in name == "snapshot" ? .map([(.string("services"), .list([.null]))]) : nil })
        #expect(try p.evaluate(act) == .bool(true))
    }

    @Test func undeclaredNamesWhenAllowed() throws {
        let p = try Program.compile("anything == 1", environment: Environment(allowUndeclared: true))
        #expect(try p.evaluate(Activation(["anything": .int(1)])) == .bool(true))
    }

    @Test func blockAndEncoders() throws {
        #expect(try eval("cel.block([1, cel.index(0) + 1], cel.index(1) * 10)") == .int(20))
        #expect(try eval("base64.decode(base64.encode(b'hello')) == b'hello'") == .bool(true))
    }

    @Test func containerResolution() throws {
        let p = try Program.compile("y", environment: Environment(variables: ["x.y", "y"], container: "x"))
        #expect(try p.evaluate(Activation(["x.y": .int(1), "y": .int(2)])) == .int(1))
        let q = try Program.compile(".y", environment: Environment(variables: ["x.y", "y"], container: "x"))
        #expect(try q.evaluate(Activation(["x.y": .int(1), "y": .int(2)])) == .int(2))
    }
}
