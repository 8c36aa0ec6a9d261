@testable import ClauseRules
import ClauseDocument
import ClauseValue
import Foundation
import Testing

/// The engine judges small snapshots rule after rule on one thread, and large ones in chunks on
/// both cores, several rules over the same list taking its chunks in turn. Whatever the path,
/// the result must be the same, byte for byte: generated packs (rules with and without `each`,
/// filters, `when`, joins, membership, errors, messages) on generated snapshots, both ways.
@Suite struct EngineParityTests {
    /// A deterministic generator (the tests must not flake).
    struct Rng {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
    }

    /// Rule bodies: `each`, `when` (or none), `assert`, `message`; K is replaced by a number.
    static let shapes: [(each: String?, when: String?, assert: String, message: String)] = [
        ("items", nil, "x.n < K", "item {x.id} has n {x.n}"),
        ("items", "x.flag", "x.n % 7 != K % 7", "{x.id}"),
        ("items.filter(i, i.n > K)", nil, "has(x.ref)", "{x.id} has no ref"),
        ("items", nil, "others.exists(o, o.id == x.ref)", "{x.id} refers to {has(x.ref) ? x.ref : 'nothing'}"),
        ("items", "has(x.ref)", "x.ref in known", "{x.id}: {x.ref} unknown"),
        ("items", nil, "100 / x.d > K", "{x.id} divides badly"),
        ("items", nil, "x.tags.all(t, t != 'bad')", "{x.id} tagged {x.tags.join(',')}"),
        ("others", nil, "items.filter(i, has(i.ref) && i.ref == x.id).size() <= K", "{x.id} is referred to too often"),
        ("items", nil, "x.name.matches('^[a-z]+$')", "{x.id}: name {x.name}"),
        (nil, nil, "size(items) > K", "only {size(items)} items"),
        (nil, nil, "items.exists(i, i.n == K)", "no item with n K"),
        ("items", nil, "date(x.day) <= now", "{x.id} dated {x.day}"),
    ]

    static func pack(_ r: inout Rng, rules: Int) -> String {
        var out = "pack: parity\ntitle: Parity\nversion: 1.0.0\nclauses: [{number: '8.1', title: Plan, parent: null}, {number: '8.2', title: Do, parent: null}]\nrules:\n"
        // Random shapes, then one that errors on some elements (x.d is 0) and a join, always.
        for i in 0..<rules + 2 {
            let shape = shapes[i == rules ? 5 : i == rules + 1 ? 3 : r.next(shapes.count)]
            let k = String(r.next(60))
            func fill(_ s: String) -> String { s.replacingOccurrences(of: "K", with: k) }
            out += "  - id: R-\(i)\n    clause: '8.\(1 + r.next(2))'\n    title: rule \(i)\n"
            out += "    severity: \(["observation", "minor", "major"][r.next(3)])\n    stage: operation\n"
            if let each = shape.each { out += "    each: \(fill(each))\n    as: x\n    key: x.id\n" }
            if let when = shape.when { out += "    when: \(fill(when))\n" }
            out += "    assert: \"\(fill(shape.assert))\"\n    message: \"\(fill(shape.message))\"\n    remediation: fix it\n"
        }
        return out
    }

    static func snapshot(_ r: inout Rng, items: Int) -> String {
        var out = "as_of: 2026-06-30\nknown: [" + (0..<20).map { "O\($0)" }.joined(separator: ", ") + "]\nothers:\n"
        let others = 1 + r.next(40)
        for i in 0..<others { out += "  - {id: O\(i)}\n" }
        out += "items:\n"
        for i in 0..<items {
            out += "  - id: I\(i)\n    n: \(r.next(60))\n    d: \(r.next(5))\n    flag: \(r.next(2) == 0)\n"
            if r.next(4) != 0 { out += "    ref: O\(r.next(others + 5))\n" }
            out += "    tags: [\((0..<r.next(3)).map { _ in ["ok", "bad", "new"][r.next(3)] }.joined(separator: ", "))]\n"
            out += "    name: \(r.next(8) == 0 ? "'Bad Name'" : "good")\n"
            // Some days lie after as_of, some are not dates at all.
            out += "    day: '\(r.next(10) == 0 ? "31/12/2026" : "2026-0\(1 + r.next(9))-1\(r.next(10))")'\n"
        }
        return out
    }

    static func write(_ text: String, _ name: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("clause-parity-\(UUID().uuidString)-\(name)")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test(arguments: 0..<12)
    func parallelAndSerialGiveTheSameResult(seed: Int) throws {
        var r = Rng(state: UInt64(seed) &* 7919 &+ 17)
        let pack = try PackLoader.load(path: Self.write(Self.pack(&r, rules: 4 + r.next(24)), "pack.yaml"))
        // Sizes below one chunk (256), across several, and empty.
        let items = [0, 3, 255, 257, 700, 1900][seed % 6]
        let document = try #require(try DocumentLoader.load(path: Self.write(Self.snapshot(&r, items: items), "snapshot.yaml")).first)
        let now = try #require(Timestamp(date: "2026-06-30"))
        var serial = Engine(pack: pack)
        serial.parallelAbove = .max
        var parallel = Engine(pack: pack)
        parallel.parallelAbove = 0
        let a = serial.evaluate(document, now: now, asOfSource: "snapshot", sha256: "")
        let b = parallel.evaluate(document, now: now, asOfSource: "snapshot", sha256: "")
        #expect(a.findings == b.findings, "seed \(seed)")
        #expect(a.rules == b.rules, "seed \(seed)")
        // The generated rules reach every outcome between them.
        let outcomes = Set(a.rules.flatMap { s in [s.pass > 0 ? "pass" : nil, s.fail > 0 ? "fail" : nil, s.error > 0 ? "error" : nil] }.compactMap { $0 })
        if items > 300 { #expect(outcomes == ["pass", "fail", "error"], "seed \(seed): \(outcomes)") }
    }
}
