import ClauseDocument
import ClauseValue

/// Writes deterministic SMS snapshots of a chosen size, in the shape of `bench/peer/gen.py`:
/// services with SLAs, 20 incidents and 10 changes per service, suppliers, and a fixed share
/// of violations.
struct SnapshotGenerator {
    /// A small deterministic generator (SplitMix64) so every run writes the same bytes.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
        mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
        mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
    }

    enum Format { case yaml, json }

    let services: Int
    var seed: UInt64 = 7

    /// Days before 2026-09-30 as an ISO date.
    static func date(_ daysBack: Int) -> String {
        let (y, m, d) = civil(20_726 - daysBack)
        func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(y)-\(pad(m))-\(pad(d))"
    }

    private static func civil(_ days: Int) -> (Int, Int, Int) {
        let (y, m, d) = Timestamp.civil(fromDays: Int64(days))
        return (Int(y), m, d)
    }

    /// A record is a list of fields; values are pre-rendered scalars (quoted strings or numbers).
    typealias Record = [(String, String)]

    func write(_ format: Format) -> [UInt8] {
        var random = Random(state: seed)
        var out: [UInt8] = []
        out.reserveCapacity(services * (format == .json ? 4800 : 3600))
        // A double-quoted string, escaped by the project's JSON writer (valid YAML as well).
        func q(_ s: String) -> String { JSONWriter.string(.string(s)) }
        var incidents: [Record] = []
        var changes: [Record] = []
        var serviceRecords: [(Record, Record?)] = []
        for i in 0..<services {
            let sid = "svc-" + pad5(i)
            var s: Record = [("id", q(sid)), ("name", q("Service \(i)")), ("owner", q("owner\(i % 97)@example.com")),
                             ("status", q("live")), ("criticality", q(random.pick(["low", "medium", "high"])))]
            var sla: Record?
            if random.unit() > 0.1 {
                sla = [("availability_target", random.pick(["99.0", "99.5", "99.9"])),
                       ("response_minutes", random.pick(["15", "30", "60"])),
                       ("reviewed_on", q(Self.date(random.int(0...420))))]
            }
            s.append(("status_note", q("in scope")))
            serviceRecords.append((s, sla))
            for k in 0..<20 {
                var inc: Record = [("id", q("INC-\(pad5(i))-\(pad2(k))")), ("service", q(sid)),
                                   ("priority", q(random.pick(["P1", "P2", "P3", "P4"]))), ("opened", q(Self.date(random.int(1...300))))]
                if random.unit() > 0.05 { inc.append(("resolved", q(Self.date(random.int(0...1))))) }
                if random.unit() < 0.3 { inc.append(("problem", q("PRB-" + pad5(random.int(1...5000))))) }
                incidents.append(inc)
            }
            for k in 0..<10 {
                var ch: Record = [("id", q("CHG-\(pad5(i))-\(pad2(k))")), ("service", q(sid)),
                                  ("risk", q(random.pick(["low", "medium", "high"]))),
                                  ("cab_reviewed", random.unit() > 0.05 ? "true" : "false"),
                                  ("implemented", q(Self.date(random.int(0...300))))]
                if random.unit() > 0.05 { ch.append(("approved_by", q("CAB"))) }
                changes.append(ch)
            }
        }
        var suppliers: [Record] = []
        for k in 0..<max(5, services / 20) {
            suppliers.append([("id", q("SUP-" + pad4(k))), ("contract_end", q(Self.date(random.int(-700...60)))),
                              ("reviewed_on", q(Self.date(random.int(0...500))))])
        }
        let header: Record = [("as_of", q(Self.date(0))), ("year_ago", q(Self.date(365)))]
        switch format {
        case .json:
            out += Array("{\n".utf8)
            for (key, value) in header { out += Array(" \(q(key)): \(value),\n".utf8) }
            out += Array(" \"organization\": {\"name\": \"Example Services Ltd\", \"scope\": \"Managed hosting and service desk\"},\n".utf8)
            out += Array(" \"services\": [\n".utf8)
            for (n, (s, sla)) in serviceRecords.enumerated() {
                var fields = s.map { "\(q($0.0)): \($0.1)" }
                if let sla { fields.append("\"sla\": {" + sla.map { "\(q($0.0)): \($0.1)" }.joined(separator: ", ") + "}") }
                out += Array(("  {" + fields.joined(separator: ", ") + "}" + (n + 1 < serviceRecords.count ? ",\n" : "\n")).utf8)
            }
            for (name, list) in [("incidents", incidents), ("changes", changes), ("suppliers", suppliers)] {
                out += Array(" ],\n \(q(name)): [\n".utf8)
                for (n, r) in list.enumerated() {
                    out += Array(("  {" + r.map { "\(q($0.0)): \($0.1)" }.joined(separator: ", ") + "}" + (n + 1 < list.count ? ",\n" : "\n")).utf8)
                }
            }
            out += Array(" ]\n}\n".utf8)
        case .yaml:
            for (key, value) in header { out += Array("\(key): \(value)\n".utf8) }
            out += Array("organization:\n  name: Example Services Ltd\n  scope: Managed hosting and service desk\nservices:\n".utf8)
            for (s, sla) in serviceRecords {
                out += Array(block(s, indent: "- ", rest: "  ").utf8)
                if let sla { out += Array(("  sla:\n" + block(sla, indent: "    ", rest: "    ")).utf8) }
            }
            for (name, list) in [("incidents", incidents), ("changes", changes), ("suppliers", suppliers)] {
                out += Array("\(name):\n".utf8)
                for r in list { out += Array(block(r, indent: "- ", rest: "  ").utf8) }
            }
        }
        return out
    }

    private func block(_ record: Record, indent: String, rest: String) -> String {
        var s = ""
        for (n, (key, value)) in record.enumerated() {
            s += (n == 0 ? indent : rest) + key + ": " + value + "\n"
        }
        return s
    }

    private func pad5(_ v: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, 5 - s.count)) + s }
    private func pad4(_ v: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, 4 - s.count)) + s }
    private func pad2(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
}
