@testable import ClauseExpression
import ClauseValue
import Foundation
import Testing

/// The indexed join (`L.exists(x, x.f == e)` and friends) against the plain loop: same values,
/// same errors, on awkward lists.
@Suite struct JoinTests {
    enum Outcome: Equatable, CustomStringConvertible {
        case value(EvalResult)
        case error(String, Int?)
        var description: String {
            switch self {
            case .value(let v): return "\(v)"
            case .error(let m, let o): return "error(\(m) @\(o.map(String.init) ?? "-"))"
            }
        }
    }

    static func map(_ pairs: [(String, Value)]) -> Value {
        .map(ValueMap(keys: pairs.map { .string($0.0) }, values: pairs.map(\.1)))
    }

    static func run(_ p: Program, _ vars: [String: Value]) -> Outcome {
        do { return .value(try p.evaluateResult(Activation(vars))) } catch {
            return .error(error.message, error.offset)
        }
    }

    /// Whether the plan's root is a join, looking through `cel.bind` and one-argument calls.
    static func isJoin(_ p: Program) -> Bool {
        var n: Node = p.compiled.root
        while true {
            if n is JoinNode { return true }
            if let b = n as? BindNode { n = b.body } else if let c = n as? Call1Node { n = c.a } else { return false }
        }
    }

    /// Evaluates `source` planned both ways, three times each (the index is built the second
    /// time a list is seen), and expects identical outcomes; returns the outcome.
    @discardableResult
    static func same(_ source: String, _ vars: [String: Value], expectJoin: Bool = true,
                     sourceLocation: SourceLocation = #_sourceLocation) throws -> Outcome {
        let names = Array(vars.keys)
        // Without memos, so that the second and third evaluations run the join, not a memo's answer.
        let fast = try Program.compile(source, environment: Environment(variables: names, memoize: false))
        let slow = try Program.compile(source, environment: Environment(variables: names, optimizeJoins: false, memoize: false))
        #expect(Self.isJoin(fast) == expectJoin, "\(source)", sourceLocation: sourceLocation)
        #expect(!Self.isJoin(slow), sourceLocation: sourceLocation)
        let expected = Self.run(slow, vars)
        for _ in 0..<3 {
            let got = Self.run(fast, vars)
            #expect(got == expected, "\(source) with \(vars)", sourceLocation: sourceLocation)
        }
        return expected
    }

    static let nan = Value.double(.nan)

    /// Field values that exercise CEL equality: numbers of every kind, NaN, large numbers, strings
    /// (including canonically equivalent ones), null, bools, containers, timestamps.
    static let fieldValues: [Value] = [
        .int(1), .uint(1), .double(1.0), .double(1.5), .int(-1), .double(-0.0), .int(0), nan,
        .double(.infinity), .int(9007199254740993), .double(9007199254740992.0), .uint(9007199254740992),
        .int(Int64.max), .uint(UInt64.max), .double(1e300),
        .string("a"), .string("b"), .string("caf\u{E9}"), .string("cafe\u{301}"), .string("1"),
        .null, .bool(true), .bool(false), .bytes([0x61]),
        .list(ValueList([.int(1)])), .list(ValueList([.double(1.0)])), Self.map([("k", .int(1))]),
        .timestamp(Timestamp(seconds: 86400)), .duration(Interval(seconds: 1)),
    ]

    static let probes: [String] = [
        "1", "1u", "1.0", "1.5", "-1", "0", "-0.0", "double('NaN')", "double('inf')", "9007199254740993",
        "9007199254740992.0", "9007199254740992u", "9223372036854775807", "18446744073709551615u", "1e300",
        "'a'", "'b'", "'caf\u{E9}'", "'cafe\u{301}'", "'1'", "'zzz'", "null", "true", "false", "b'a'", "[1]", "[1.0]",
        "{'k': 1}", "{'k': 1u}", "timestamp(86400)", "duration('1s')", "int", "optional.of(1)",
        "m.nope", "1 / 0", "m.k",
    ]

    /// A deterministic generator (the tests must not flake).
    struct Rng {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
    }

    static func element(_ r: inout Rng, regular: Bool) -> Value {
        let ok: Value = r.next(3) == 0 ? .bool(r.next(2) == 0) : .bool(true)
        let v = Self.fieldValues[r.next(Self.fieldValues.count)]
        let tags: Value = .list(ValueList((0..<r.next(4)).map { _ in Self.fieldValues[r.next(Self.fieldValues.count)] }))
        if regular || r.next(6) != 0 {
            var pairs: [(String, Value)] = [("id", v), ("ok", ok), ("a", Self.map([("b", v)])), ("tags", tags)]
            if r.next(5) == 0 { pairs.append(("extra", .string("x"))) }
            return Self.map(pairs)
        }
        switch r.next(6) {
        case 0: return Self.map([("ok", ok)])                  // no id
        case 1: return .int(7)                            // not a map
        case 2: return .string("s")
        case 3: return Self.map([("id", v), ("ok", .string("not a bool")), ("a", .int(1))])
        case 4: return Self.map([("id", v), ("tags", r.next(2) == 0 ? Self.map([("a", .int(1))]) : .string("a"))])  // tags not a list
        default: return Self.map([("id", v)])                   // no ok: `x.ok` fails
        }
    }

    static let shapes: [(String, Bool)] = [
        ("l.exists(x, x.id == p)", true),
        ("l.exists(x, p == x.id)", true),
        ("l.exists(x, x.a.b == p)", true),
        ("l.exists(x, x.id == p && x.ok)", true),
        ("l.exists(x, x.ok && x.id == p)", true),
        ("l.exists(x, x.ok == true && p == x.id && x.ok)", true),
        ("l.all(x, x.id != p)", true),
        ("l.all(x, p != x.a.b || x.ok)", true),
        ("l.all(x, x.ok || x.id != p)", true),
        ("l.exists_one(x, x.id == p)", true),
        ("l.exists_one(x, x.id == p && x.ok)", true),
        ("l.filter(x, x.id == p)", true),
        ("l.filter(x, x.id == p && x.ok)", true),
        ("size(l.filter(x, x.id == p && x.ok))", true),
        ("l.exists(x, p in x.tags)", true),
        ("l.exists(x, p in x.tags && x.ok)", true),
        ("l.exists(x, x.ok && p in x.a.b)", true),
        ("l.exists_one(x, p in x.tags)", true),
        ("l.filter(x, p in x.tags && x.ok)", true),
        // Not joins: the other side mentions x, or the shape decides nothing.
        ("l.exists(x, x.id in x.tags)", false),
        ("l.all(x, p in x.tags)", false),
        ("l.exists(x, x.id == x.id)", false),
        ("l.exists(x, x.id == p || x.ok)", false),
        ("l.all(x, x.id == p)", false),
        ("l.exists(x, x.id != p)", false),
    ]

    @Test func matchesPlainLoopOnGeneratedLists() throws {
        var r = Rng(state: 42)
        var joined = 0
        for size in [0, 1, 7, 8, 9, 30, 120] {
            for variant in 0..<4 {
                let regular = variant == 0
                let elements = (0..<size).map { _ in Self.element(&r, regular: regular) }
                let l = Value.list(ValueList(elements))
                for (shape, join) in Self.shapes {
                    for probe in Self.probes {
                        let source = "cel.bind(p, \(probe), \(shape))"
                        try Self.same(source, ["l": l, "m": Self.map([("k", .int(1))])], expectJoin: join)
                        if join { joined += 1 }
                    }
                }
            }
        }
        #expect(joined > 0)
    }

    @Test func probeAsVariable() throws {
        var r = Rng(state: 7)
        for size in [8, 40] {
            for variant in 0..<3 {
                let elements = (0..<size).map { _ in Self.element(&r, regular: variant == 0) }
                let l = Value.list(ValueList(elements))
                for v in Self.fieldValues {
                    for (shape, join) in Self.shapes {
                        try Self.same(shape, ["l": l, "p": v], expectJoin: join)
                    }
                }
            }
        }
    }

    @Test func specificCases() throws {
        let ids: [Value] = (0..<10).map { .int(Int64($0)) }
        let l = Value.list(ValueList(ids.map { Self.map([("id", $0)]) }))
        #expect(try Self.same("l.exists(x, x.id == 3u)", ["l": l]) == .value(.value(.bool(true))))
        #expect(try Self.same("l.exists(x, x.id == 3.0)", ["l": l]) == .value(.value(.bool(true))))
        #expect(try Self.same("l.exists(x, x.id == 3.5)", ["l": l]) == .value(.value(.bool(false))))
        #expect(try Self.same("l.exists(x, x.id == '3')", ["l": l]) == .value(.value(.bool(false))))
        #expect(try Self.same("l.exists(x, x.id == double('NaN'))", ["l": l]) == .value(.value(.bool(false))))
        #expect(try Self.same("l.all(x, x.id != 11)", ["l": l]) == .value(.value(.bool(true))))
        #expect(try Self.same("l.exists_one(x, x.id == 2)", ["l": l]) == .value(.value(.bool(true))))
        // Duplicates.
        let dup = Value.list(ValueList((ids + ids).map { Self.map([("id", $0)]) }))
        #expect(try Self.same("l.exists_one(x, x.id == 2)", ["l": dup]) == .value(.value(.bool(false))))
        #expect(try Self.same("l.filter(x, x.id == 2)", ["l": dup])
                == .value(.value(.list(ValueList([Self.map([("id", .int(2))]), Self.map([("id", .int(2))])])))))
        // A missing field: the error stands unless some element matches.
        let holes = Value.list(ValueList(ids.map { Self.map([("id", $0)]) } + [Self.map([("name", .string("x"))])]))
        #expect(try Self.same("l.exists(x, x.id == 4)", ["l": holes]) == .value(.value(.bool(true))))
        guard case .error(let m, _) = try Self.same("l.exists(x, x.id == 40)", ["l": holes]) else {
            Issue.record("expected an error"); return
        }
        #expect(m == "no such key: 'id'")
        // A probe that fails: the plain loop decides.
        guard case .error = try Self.same("l.exists(x, x.id == l.nope)", ["l": l]) else { Issue.record("expected an error"); return }
        #expect(try Self.same("[].exists(x, x.id == 1)", [:], expectJoin: true) == .value(.value(.bool(false))))
        // Joins inside a comprehension over another list, probe from the outer variable.
        let outer = Value.list(ValueList((0..<20).map { Self.map([("service", .int(Int64($0)))]) }))
        let src = "incs.all(i, l.exists(s, s.id == i.service))"
        #expect(try Self.same(src, ["incs": outer, "l": l], expectJoin: false) == .value(.value(.bool(false))))
        #expect(try Self.same("incs.filter(i, l.exists(s, s.id == i.service)).size()", ["incs": outer, "l": l], expectJoin: false)
                == .value(.value(.int(10))))
    }

    /// `p in l` over one list for every evaluation: hashed from the second, same answers and
    /// errors as the scan for every probe, on lists of every kind of item (NaN, large numbers,
    /// containers, canonically equivalent strings) and of every size around the threshold.
    @Test func membershipMatchesScan() throws {
        var r = Rng(state: 11)
        for size in [0, 7, 8, 30, 120] {
            for _ in 0..<3 {
                let l = Value.list(ValueList((0..<size).map { _ in Self.fieldValues[r.next(Self.fieldValues.count)] }))
                for probe in Self.probes {
                    try Self.same("cel.bind(p, \(probe), p in l)", ["l": l, "m": Self.map([("k", .int(1))])], expectJoin: false)
                }
                for v in Self.fieldValues { try Self.same("p in l", ["l": l, "p": v], expectJoin: false) }
            }
        }
    }

    @Test func membershipIndexIsBuiltOnce() throws {
        let p = try Program.compile("k in l", environment: Environment(variables: ["l", "k"]))
        let node = try #require(p.compiled.root as? InNode)
        let l = Value.list(ValueList((0..<50).map { .string("S\($0)") }))
        for k in 0..<60 { #expect(try p.evaluate(Activation(["l": l, "k": .string("S\(k)")])) == .bool(k < 50)) }
        #expect(node.cache?.builds == 1)
        // A list built afresh per evaluation is scanned, never indexed.
        let q = try Program.compile("k in l.map(x, x)", environment: Environment(variables: ["l", "k"], memoize: false))
        for k in 0..<5 { #expect(try q.evaluate(Activation(["l": l, "k": .string("S\(k)")])) == .bool(true)) }
        #expect(try #require(q.compiled.root as? InNode).cache?.builds == 0)
    }

    @Test func indexIsBuiltOnceAndBounded() throws {
        let p = try Program.compile("l.exists(x, x.id == k)", environment: Environment(variables: ["l", "k"], memoize: false))
        let node = try #require(p.compiled.root as? JoinNode)
        let lists = (0..<6).map { n in Value.list(ValueList((0..<50).map { Self.map([("id", .int(Int64($0 + n)))]) })) }
        for _ in 0..<5 {
            #expect(try p.evaluate(Activation(["l": lists[0], "k": .int(49)])) == .bool(true))
            #expect(try p.evaluate(Activation(["l": lists[0], "k": .int(50)])) == .bool(false))
        }
        #expect(node.cache.builds == 1)
        for _ in 0..<3 {
            for (n, l) in lists.enumerated() {
                for k in 0..<3 { #expect(try p.evaluate(Activation(["l": l, "k": .int(Int64(k))])) == .bool(n <= k)) }
            }
        }
        #expect(node.cache.count <= JoinCache.capacity)
    }

    @Test func concurrentEvaluation() throws {
        let p = try Program.compile("l.exists(x, x.id == k) && l.all(x, x.id != k + 1000)",
                                    environment: Environment(variables: ["l", "k"], memoize: false))
        // More lists than the cache holds, so threads also evict one another's indexes.
        let lists = (0..<7).map { n in ValueList((0..<200).map { Self.map([("id", .int(Int64($0 * 7 + n)))]) }) }
        let failures = Counter()
        DispatchQueue.concurrentPerform(iterations: 8) { t in
            var r = Rng(state: UInt64(t + 1))
            for _ in 0..<3000 {
                let n = r.next(lists.count), k = Int64(r.next(1500))
                let expected = k % 7 == Int64(n) && k / 7 < 200
                let got = try? p.evaluate(Activation(["l": .list(lists[n]), "k": .int(k)]))
                if got != .bool(expected) { failures.add() }
            }
        }
        #expect(failures.value == 0)
    }

    @Test func dateFastPath() throws {
        for (s, expected) in [("2026-03-01", "2026-03-01T00:00:00Z"), ("2024-02-29", "2024-02-29T00:00:00Z"),
                              ("0001-01-01", "0001-01-01T00:00:00Z"), ("9999-12-31", "9999-12-31T00:00:00Z"),
                              ("1969-12-31", "1969-12-31T00:00:00Z")] {
            #expect(try eval("date('\(s)') == timestamp('\(expected)')") == .bool(true), "\(s)")
        }
        for s in ["2026-02-29", "2026-13-01", "2026-00-10", "2026-01-00", "2026-04-31", "0000-01-01", "2026/03/01",
                  "2026-3-011", "20260301xx", "+026-03-01", "2026-03-0a", "2026-03-01Z", "２０２6-03-01"] {
            // The message quotes the text as written, never a value built from it.
            #expect(evalError("date('\(s)')") == "'\(s)' is not a date (YYYY-MM-DD) or an RFC 3339 time")
        }
        #expect(evalError("date('2026-03-01T25:00:00Z')") == "'2026-03-01T25:00:00Z' is not a date (YYYY-MM-DD) or an RFC 3339 time")
        #expect(try eval("date('2026-03-01T10:00:00Z') == timestamp('2026-03-01T10:00:00Z')") == .bool(true))
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func add() { lock.lock(); n += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return n }
}
