import ClauseDiagnostics
import ClauseExpression
import ClauseValue
import Testing

@Suite struct CompileErrorTests {
    func compileError(_ source: String, _ env: Environment = Environment(), origin: ExpressionOrigin? = nil) -> DiagnosticError? {
        do {
            _ = try Program.compile(source, environment: env, origin: origin)
            return nil
        } catch {
            return error
        }
    }

    @Test func parseErrorIsRenderedWithCaret() throws {
        let e = try #require(compileError("size(x) >\n  = 3", Environment(variables: ["x"])))
        #expect(e.rendered == """
        <expression>:2:3: error: unexpected '=' (use '==' to compare)
              = 3
              ^
        """)
    }

    @Test func unexpectedEndOfExpression() throws {
        let e = try #require(compileError("1 +"))
        #expect(e.rendered == "<expression>:1:4: error: unexpected end of expression\n    1 +\n       ^")
    }

    @Test(arguments: [
        ("size(1)", "no matching overload for 'size' applied to (int)"),
        ("'a' + 1", "no matching overload for '+' applied to (string, int)"),
        ("nosuch(1)", "undeclared reference to 'nosuch'"),
        ("size(1, 2)", "no matching overload for function 'size' with 2 arguments"),
        ("x.startsWith()", "no matching overload for method 'startsWith' with 0 arguments"),
        ("y == 1", "undeclared reference to 'y'"),
        ("[1].all(x)", "undeclared reference to 'all'"),
        ("has(x)", "invalid argument to has() macro"),
        ("'abc'.matches('(')", "invalid regular expression: missing closing )"),
        ("1 ? 2 : 3", "no matching overload for '_?_:_' applied to 'int'"),
        ("size(x) + 'a'", "no matching overload for '+' applied to (int, string)"),
        ("x.size() < 'a'", "no matching overload for '<' applied to (int, string)"),
        ("[x] + 1", "no matching overload for '+' applied to (list, int)"),
        ("x.startsWith('a') + 1", "no matching overload for '+' applied to (bool, int)"),
        ("int(x) + 1u", "no matching overload for '+' applied to (int, uint)"),
        ("x.exists(y, y) && size(x) == 'n' || string(x).size()", "no matching overload for '||' applied to 'int'"),
        ("(1).all(y, y > 0)", "expression of type 'int' cannot be the range of a comprehension"),
    ])
    func checkErrors(source: String, message: String) throws {
        let e = try #require(compileError(source, Environment(variables: ["x"])))
        #expect(e.diagnostics.first?.message == message)
    }

    @Test func didYouMean() throws {
        let f = try #require(compileError("name.startWith('a')", Environment(variables: ["name"])))
        #expect(f.rendered == """
        <expression>:1:6: error: undeclared reference to 'startWith'
            name.startWith('a')
                 ^
            note: did you mean 'startsWith'?
        """)
        let v = try #require(compileError("servics.size() > 0", Environment(variables: ["services", "suppliers"])))
        #expect(v.diagnostics.first?.notes == ["did you mean 'services'?"])
    }

    /// One expression reports every error it holds, in order, so an author fixes them in one go.
    @Test(arguments: [
        ("zz + yy(1) + [1, qq].size()", ["1:1 undeclared reference to 'zz'", "1:6 undeclared reference to 'yy'", "1:18 undeclared reference to 'qq'"]),
        ("x && bar(1) && 1 + 'a' == 2 && x.size(1, 2)", ["1:6 undeclared reference to 'bar'",
                                                          "1:18 no matching overload for '+' applied to (int, string)",
                                                          "1:34 no matching overload for method 'size' with 2 arguments"]),
        ("cel.bind(v, qq, v + rr) + [1].map(y, y + zz)", ["1:13 undeclared reference to 'qq'", "1:21 undeclared reference to 'rr'",
                                                           "1:42 undeclared reference to 'zz'"]),
        ("ee.map(z, z + ff) == {gg: 1, 'k': hh} ? x : [ii]", ["1:1 undeclared reference to 'ee'", "1:15 undeclared reference to 'ff'",
                                                               "1:23 undeclared reference to 'gg'", "1:35 undeclared reference to 'hh'",
                                                               "1:46 undeclared reference to 'ii'"]),
        // Scopes are unwound after an error: `y` is not visible to the sibling after the failed map.
        ("[1].map(y, y + zz) + [y]", ["1:16 undeclared reference to 'zz'", "1:23 undeclared reference to 'y'"]),
    ])
    func everyErrorOfOneExpression(source: String, expected: [String]) throws {
        let e = try #require(compileError(source, Environment(variables: ["x"])))
        #expect(e.diagnostics.map { "\($0.location.line):\($0.location.column) \($0.message)" } == expected)
    }

    @Test func offsetsMapIntoTheFile() throws {
        // `assert: "x = 1"` — a double-quoted scalar whose mark is line 7, column 13.
        let quoted = ExpressionOrigin(file: "rules/a.yaml", mark: SourceMark(line: 7, column: 13), style: .doubleQuoted)
        let e = try #require(compileError("x = 1", Environment(variables: ["x"]), origin: quoted))
        #expect(e.diagnostics.first?.description == "rules/a.yaml:7:16: error: unexpected '=' (use '==' to compare)")

        let plain = ExpressionOrigin(file: "p.yaml", mark: SourceMark(line: 3, column: 9), style: .plain)
        #expect(compileError("x ++", Environment(variables: ["x"]), origin: plain)?.diagnostics.first?.location.description == "p.yaml:3:12")

        // assert: |
        //   x &&
        //     nosuch(x)
        let block = ExpressionOrigin(file: "b.yaml", mark: SourceMark(line: 4, column: 13), style: .literal, blockIndentation: 5)
        let b = try #require(compileError("x &&\n  nosuch(x)\n", Environment(variables: ["x"]), origin: block))
        #expect(b.diagnostics.first?.location.description == "b.yaml:6:7")
    }

    @Test func evaluationErrorsCarryTheirLocation() throws {
        let origin = ExpressionOrigin(file: "r.yaml", mark: SourceMark(line: 2, column: 11), style: .singleQuoted)
        let p = try Program.compile("m.a + m.b", environment: Environment(variables: ["m"]), origin: origin)
        #expect(throws: EvaluationError.self) { try p.evaluate(Activation(["m": .map([(.string("a"), .int(1))])])) }
        do {
            _ = try p.evaluate(Activation(["m": .map([(.string("a"), .int(1))])]))
        } catch {
            #expect(error.message == "no such key: 'b'")
            #expect(error.offset == 7)
            #expect(error.location?.description == "r.yaml:2:19")
        }
    }
}
