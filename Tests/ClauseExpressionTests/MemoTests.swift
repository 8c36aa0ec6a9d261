@testable import ClauseExpression
import ClauseValue
import Dispatch
import Testing

/// Memoized subexpressions (`MemoNode`) against the plain evaluation: the same values and errors
/// whatever the element, the cost budget spent alike on a hit and a miss, and the cache off
/// where it would not pay.
@Suite struct MemoTests {
    static func map(_ pairs: [(String, Value)]) -> Value {
        .map(ValueMap(keys: pairs.map { .string($0.0) }, values: pairs.map(\.1)))
    }

    static let services = Value.list(ValueList([
        map([("id", .string("S1")), ("sla", map([("targets", .list(ValueList([
            map([("priority", .string("P1")), ("hours", .int(4))]),
            map([("priority", .string("P2")), ("hours", .double(8))]),
        ])))]))]),
        map([("id", .string("S2"))]),
        map([("id", .string("S3")), ("sla", .string("not a map"))]),
    ]))

    /// Elements that differ in every way a key must tell apart: absent fields, an int against a
    /// double and a uint of the same number, a nested field missing, an element that is no map.
    static let elements: [Value] = [
        map([("service", .string("S1")), ("priority", .string("P1")), ("h", .int(8))]),
        map([("service", .string("S1")), ("priority", .string("P2")), ("h", .double(8))]),
        map([("service", .string("S1")), ("priority", .string("P2")), ("h", .uint(8))]),
        map([("service", .string("S2")), ("priority", .string("P1"))]),
        map([("service", .string("S3")), ("priority", .string("P1")), ("h", .int(1))]),
        map([("priority", .string("P1")), ("h", .int(2))]),
        map([("service", .int(1)), ("sla", map([("x", .int(1))]))]),
        map([("service", .string("S1")), ("sla", map([("breached", .bool(true))]))]),
        .string("not a map"),
        map([]),
    ]

    static let expressions = [
        // INC-001's shape: the SLA hours for the incident's service and priority.
        """
        cel.bind(svcs, services.filter(s, s.id == inc.service && has(s.sla) && has(s.sla.targets)),
        cel.bind(tgts, size(svcs) > 0 && has(inc.priority) ? svcs[0].sla.targets.filter(t, t.priority == inc.priority) : [],
        size(tgts) > 0 ? tgts[0].hours : (has(inc.h) ? inc.h : 0)))
        """,
        "services.exists(s, s.id == inc.service) ? string(inc.h) : 'none'",
        "services.map(s, s.id + string(inc.h))",
        "has(inc.sla.breached) && services.all(s, s.id != inc.service) || inc.sla.breached",
        // A comprehension variable that shadows the element: the key must not read the outer one.
        "services.exists(inc, inc.id == 'S2') && [inc].exists(x, x.service == 'S1')",
        "cel.bind(inc, 'S1', services.exists(s, s.id == inc))",
    ]

    static func outcome(_ p: Program, _ element: Value) -> String {
        do { return "\(try p.evaluate(slots: p.variables.map { $0 == "inc" ? element : services }))" } catch {
            return "error: \(error.message) @\(error.offset.map(String.init) ?? "-")"
        }
    }

    @Test(arguments: expressions)
    func sameAsThePlainEvaluation(_ source: String) throws {
        let fast = try Program.compile(source, environment: Environment(variables: ["inc", "services"]))
        let slow = try Program.compile(source, environment: Environment(variables: ["inc", "services"], optimizeJoins: false, memoize: false))
        // Three rounds, so that most evaluations of the fast program are answered from its cache.
        for _ in 0..<3 {
            for element in Self.elements {
                #expect(Self.outcome(fast, element) == Self.outcome(slow, element), "\(source) on \(element)")
            }
        }
    }

    /// Threads sharing one program (as the engine's parallel judging does) get the plain answers.
    @Test func concurrentEvaluation() throws {
        let fast = try Program.compile(Self.expressions[0], environment: Environment(variables: ["inc", "services"]))
        let slow = try Program.compile(Self.expressions[0], environment: Environment(variables: ["inc", "services"], optimizeJoins: false, memoize: false))
        let expected = Self.elements.map { Self.outcome(slow, $0) }
        let mismatches = Mismatches()
        DispatchQueue.concurrentPerform(iterations: 8) { t in
            for i in 0..<2_000 {
                let n = (i * 7 + t) % Self.elements.count
                if Self.outcome(fast, Self.elements[n]) != expected[n] { mismatches.add() }
            }
        }
        #expect(mismatches.count == 0)
    }

    final class Mismatches: @unchecked Sendable {
        private let lock = JoinLock()
        private var n = 0
        func add() { lock.lock(); n += 1; lock.unlock() }
        var count: Int { lock.lock(); defer { lock.unlock() }; return n }
    }

    static func memos(_ p: Program) -> [MemoNode] {
        var found: [MemoNode] = []
        func walk(_ n: Node) {
            if let m = n as? MemoNode { found.append(m) }
            for child in Mirror(reflecting: n).children {
                if let c = child.value as? Node { walk(c) }
                if let cs = child.value as? [Node] { cs.forEach(walk) }
            }
        }
        walk(p.compiled.root)
        return found
    }

    @Test func repeatedInputsAreServedFromTheCache() throws {
        let p = try Program.compile(Self.expressions[0], environment: Environment(variables: ["inc", "services"]))
        let outer = try #require(Self.memos(p).first)
        for i in 0..<1_000 { _ = Self.outcome(p, Self.elements[i % 3]) }
        let counts = outer.cache.counts
        #expect(counts.lookups == 1_000)
        #expect(counts.hits == 997)
        #expect(!outer.cache.disabled)
    }

    @Test func aKeyThatDiffersPerElementTurnsTheCacheOff() throws {
        let p = try Program.compile("services.exists(s, s.id == inc.id)", environment: Environment(variables: ["inc", "services"]))
        let memo = try #require(Self.memos(p).first)
        for i in 0..<(MemoCache.trial + 10) {
            let element = Self.map([("id", .string("INC\(i)"))])
            #expect(try p.evaluate(slots: p.variables.map { $0 == "inc" ? element : Self.services }) == .bool(false))
        }
        #expect(memo.cache.disabled)
        #expect(memo.cache.counts.lookups == MemoCache.trial)
    }

    /// More distinct inputs than a shard holds, coming in runs (a service's incidents one after
    /// another): the shard is emptied when full and keeps serving the current run.
    @Test func runsOfInputsKeepHittingPastTheCapacity() throws {
        let p = try Program.compile("services.exists(s, s.id == inc.service)", environment: Environment(variables: ["inc", "services"]))
        let memo = try #require(Self.memos(p).first)
        let keys = MemoCache.capacity * 3
        for k in 0..<keys {
            let element = Self.map([("service", .string("S\(k)"))])
            for _ in 0..<10 {
                #expect(try p.evaluate(slots: p.variables.map { $0 == "inc" ? element : Self.services }) == .bool(k >= 1 && k <= 3))
            }
        }
        #expect(!memo.cache.disabled)
        #expect(memo.cache.counts.hits == keys * 9)
    }

    /// A new list under the same name (the next snapshot) is never answered from the old one's results.
    @Test func anotherListIsAnotherGeneration() throws {
        let p = try Program.compile("services.exists(s, s.id == inc.service)", environment: Environment(variables: ["inc", "services"]))
        let element = Self.map([("service", .string("S9"))])
        for round in 0..<20 {
            let list = Value.list(ValueList([Self.map([("id", .string(round % 2 == 0 ? "S9" : "S1"))])]))
            let got = try p.evaluate(slots: p.variables.map { $0 == "inc" ? element : list })
            #expect(got == .bool(round % 2 == 0))
        }
    }

    /// The budget an evaluation may spend decides the same way whether the memo hits or misses.
    @Test func aHitChargesWhatTheEvaluationCost() throws {
        let source = "services.filter(s, s.id == inc.service).size() + services.map(s, s.id).size()"
        func program(_ budget: Int) throws -> Program {
            var limits = Limits()
            limits.costBudget = budget
            return try Program.compile(source, environment: Environment(variables: ["inc", "services"], limits: limits))
        }
        func passes(_ p: Program) -> Bool { !Self.outcome(p, Self.elements[0]).hasPrefix("error") }
        // The least budget an evaluation needs, each tried on a fresh program (a miss).
        var budget = 1
        while try !passes(program(budget)) { budget += 1 }
        let enough = try program(budget), short = try program(budget - 1)
        for _ in 0..<5 {
            #expect(passes(enough))
            #expect(!passes(short))
        }
        #expect(Self.memos(enough).allSatisfy { $0.cache.counts.hits > 0 })
    }

    @Test(arguments: [
        ("a comprehension variable of an enclosing comprehension", "services.all(x, services.exists(s, s.id == x.id))", 1),
        ("a bound name from outside", "cel.bind(k, inc.service, services.exists(s, s.id == k))", 1),
        ("no comprehension", "cel.bind(k, inc.service, k + 'x')", 0),
        ("a name that is no variable", "services.exists(s, type(s) == map)", 0),
        ("nested, each over fixed inputs", "cel.bind(k, inc.service, services.exists(s, s.id == inc.service) && k != '')", 2),
    ])
    func whatIsMemoized(_ what: String, _ source: String, _ expected: Int) throws {
        let p = try Program.compile(source, environment: Environment(variables: ["inc", "services"]))
        #expect(Self.memos(p).count == expected, "\(what)")
    }
}
