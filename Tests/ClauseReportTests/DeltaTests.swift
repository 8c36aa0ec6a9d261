import ClauseReport
import ClauseRules
import Foundation
import Testing

/// Delta built from small hand-made `clause-results/1` reports (read back through the public
/// decoder, so the tests exercise the same path as `clause diff` on results files).
@Suite struct DeltaTests {
    struct F {
        var rule: String
        var key: String?
        var severity = "minor"
        var outcome = "fail"
        var message: String?
        var clauses = ["8.3.3"]
        var waived = false
    }

    static func report(_ findings: [F], file: String = "old.yaml", asOf: String = "2026-06-30T00:00:00Z") throws -> CheckReport {
        let items: [[String: Any]] = findings.map { f in
            var item: [String: Any] = [
                "rule": f.rule, "title": "Title of \(f.rule)",
                "clauses": f.clauses.map { ["number": $0, "title": "Clause \($0)"] },
                "severity": f.severity, "stage": "operation", "outcome": f.waived ? "waived" : f.outcome,
                "message": f.message ?? "\(f.rule) fails for \(f.key ?? "the snapshot")", "remediation": "Fix it.",
                "file": file, "line": 3, "column": 5, "path": "services[0]",
                "fingerprint": "\(f.rule)|\(f.key ?? "")",
            ]
            if let key = f.key { item["key"] = key }
            if f.waived {
                item["waiver"] = ["rule": f.rule, "key": f.key ?? "", "reason": "Accepted risk", "approved_by": "Head of SM",
                                  "expires": "2027-01-31", "file": "waivers.yaml", "line": 2, "column": 5]
            }
            return item
        }
        let object: [String: Any] = [
            "schema": "clause-results/1", "tool": ["name": "clause", "version": "0.1.0"],
            "pack": ["id": "p", "title": "Pack", "version": "1.0.0"], "fail_on": "minor", "gate": "failed",
            "snapshots": [["file": file, "document": 0, "sha256": "00", "as_of": asOf, "as_of_source": "snapshot",
                           "rules": [], "findings": items]],
            "clauses": [], "rules": [], "waivers": [],
        ]
        let data = try JSONSerialization.data(withJSONObject: object)
        return try JSONReporter.decode(Array(data))
    }

    static func delta(_ old: [F], _ new: [F], failOn: Severity? = .minor) throws -> Delta {
        Delta(old: try report(old), new: try report(new, file: "new.yaml", asOf: "2026-09-30T00:00:00Z"), failOn: failOn, toolVersion: "0.1.0")
    }

    static func groups(_ delta: Delta) -> [String: [String]] {
        var out: [String: [String]] = [:]
        for clause in delta.clauses {
            for group in Delta.Group.allCases {
                for entry in clause.entries(group) { out[group.rawValue, default: []].append(entry.label) }
            }
        }
        return out
    }

    @Test func sortsFindingsIntoTheFiveGroups() throws {
        let old = [F(rule: "A-1", key: "s1"), F(rule: "A-1", key: "s2"), F(rule: "A-2", key: "s1"), F(rule: "A-3", key: "s1"), F(rule: "A-4", key: "x")]
        let new = [F(rule: "A-1", key: "s2"), F(rule: "A-2", key: "s1", severity: "major"), F(rule: "A-3", key: "s1", waived: true),
                   F(rule: "A-4", key: "x"), F(rule: "A-5", key: "s9"), F(rule: "A-6", key: "w", waived: true)]
        let delta = try Self.delta(old, new)
        #expect(Self.groups(delta) == [
            "introduced": ["A-5 s9"], "resolved": ["A-1 s1"], "persisting": ["A-1 s2", "A-4 x"],
            "changed": ["A-2 s1"], "newly_waived": ["A-3 s1", "A-6 w"],
        ])
        #expect(delta.totals == Delta.Totals(introduced: 1, resolved: 1, persisting: 2, changed: 1, newlyWaived: 2, failingGate: 2))
        #expect(delta.schema == "clause-delta/1")
        #expect(!delta.gatePassed)
    }

    @Test func changedSaysWhatChangedAndWhetherItIsWorse() throws {
        let delta = try Self.delta(
            [F(rule: "B-1", key: "k", severity: "minor", message: "was"), F(rule: "B-2", key: "k", severity: "major"), F(rule: "B-3", key: "k", waived: true)],
            [F(rule: "B-1", key: "k", severity: "major", message: "now"), F(rule: "B-2", key: "k", severity: "minor"), F(rule: "B-3", key: "k")])
        let changed = delta.clauses.flatMap(\.changed)
        #expect(changed.map(\.rule) == ["B-1", "B-2", "B-3"])
        #expect(changed[0].changes == [Delta.Change(field: "severity", old: "minor", new: "major"), Delta.Change(field: "message", old: "was", new: "now")])
        #expect(changed[0].worse && changed[0].failsGate)
        #expect(changed[1].changes == [Delta.Change(field: "severity", old: "major", new: "minor")])
        #expect(!changed[1].worse && !changed[1].failsGate)
        // A waiver that no longer applies brings the nonconformity back: worse.
        #expect(changed[2].changes == [Delta.Change(field: "outcome", old: "waived", new: "fail")])
        #expect(changed[2].worse && changed[2].failsGate)
        #expect(delta.totals.failingGate == 2)
    }

    @Test func multiClauseFindingIsListedUnderItsFirstClauseOnly() throws {
        let delta = try Self.delta([], [F(rule: "C-1", key: "k", clauses: ["8.6", "8.6.1"])])
        #expect(delta.clauses.map(\.number) == ["8.6"])
        #expect(delta.clauses[0].introduced[0].clauses.map(\.number) == ["8.6", "8.6.1"])
        #expect(delta.clauses[0].title == "Clause 8.6")
    }

    @Test func ordersByClauseNumberThenRuleThenKey() throws {
        let new = [F(rule: "Z-1", key: "b", clauses: ["10.1"]), F(rule: "Z-1", key: "a", clauses: ["10.1"]), F(rule: "Y-1", clauses: ["8.10"]),
                   F(rule: "X-2", key: "k", clauses: ["8.9"]), F(rule: "X-1", key: "k", clauses: ["8.9"]), F(rule: "W-1", key: "k", clauses: ["9.2"])]
        let delta = try Self.delta([], new)
        #expect(delta.clauses.map(\.number) == ["8.9", "8.10", "9.2", "10.1"])
        #expect(delta.clauses.flatMap(\.introduced).map(\.label) == ["X-1 k", "X-2 k", "Y-1", "W-1 k", "Z-1 a", "Z-1 b"])
    }

    static let gateCases: [(String, String, Severity?, Bool)] = [
        ("observation", "fail", .minor, true), ("observation", "fail", .observation, false), ("major", "fail", .major, false),
        ("minor", "fail", .major, true), ("major", "fail", nil, true), ("minor", "error", nil, false),
    ]

    @Test(arguments: gateCases)
    func gateOnIntroducedFindings(severity: String, outcome: String, failOn: Severity?, passes: Bool) throws {
        let delta = try Self.delta([], [F(rule: "G-1", key: "k", severity: severity, outcome: outcome)], failOn: failOn)
        #expect(delta.gatePassed == passes)
        #expect(delta.failOn == (failOn?.rawValue ?? "none"))
    }

    @Test func persistingNonconformitiesPassButPersistingErrorsFailClosed() throws {
        let same = [F(rule: "P-1", key: "k", severity: "major")]
        #expect(try Self.delta(same, same).gatePassed)
        let errors = [F(rule: "P-2", key: "k", outcome: "error")]
        let delta = try Self.delta(errors, errors, failOn: nil)
        #expect(delta.totals.persisting == 1)
        #expect(!delta.gatePassed)
    }

    @Test func repeatedFingerprintsPairByOccurrence() throws {
        let old = [F(rule: "D-1", key: "dup", message: "first"), F(rule: "D-1", key: "dup", message: "second")]
        let new = [F(rule: "D-1", key: "dup", message: "first")]
        let delta = try Self.delta(old, new)
        #expect(delta.totals.persisting == 1)
        #expect(delta.clauses[0].resolved.map(\.current.message) == ["second"])
    }

    @Test func jsonIsVersionedDeterministicAndReadsBack() throws {
        let delta = try Self.delta([F(rule: "A-1", key: "s1")], [F(rule: "A-2", key: "s1", severity: "major")])
        let first = DeltaFormat.json.render(delta)
        #expect(first == DeltaFormat.json.render(try Self.delta([F(rule: "A-1", key: "s1")], [F(rule: "A-2", key: "s1", severity: "major")])))
        #expect(first.contains("\"schema\" : \"clause-delta/1\""))
        let back = try DeltaJSONReporter.decode(Array(first.utf8))
        #expect(back.totals == delta.totals)
        #expect(DeltaFormat.json.render(back) == first)
    }

    @Test func anEntryWithNeitherSideDoesNotDecode() throws {
        let delta = try Self.delta([], [F(rule: "A-1", key: "s1")])
        let json = DeltaFormat.json.render(delta)
        let broken = json.replacingOccurrences(of: "\"new\" : {", with: "\"ignored\" : {")
        #expect(broken != json)
        #expect(throws: DecodingError.self) { try DeltaJSONReporter.decode(Array(broken.utf8)) }
    }

    @Test func reportersEscapeSnapshotText() throws {
        let hostile = "<script>alert(1)</script> | *bold* & done"
        let delta = try Self.delta([], [F(rule: "E-1", key: "k|<b>", message: hostile)])
        let html = DeltaFormat.html.render(delta)
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; | *bold* &amp; done"))
        #expect(html.range(of: "https?://", options: .regularExpression) == nil, "the page must not load anything")
        let markdown = DeltaFormat.markdown.render(delta)
        #expect(markdown.contains("&lt;script&gt;alert(1)&lt;/script&gt; \\| \\*bold\\* &amp; done"))
        #expect(markdown.contains("`k\\|<b>`"))
        #expect(DeltaFormat.text.render(delta).contains(hostile))
    }
}
