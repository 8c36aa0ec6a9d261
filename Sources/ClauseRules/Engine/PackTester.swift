import ClauseDiagnostics
import ClauseDocument
import ClauseSchema
import ClauseValue

/// Runs the examples written under each rule's `tests:` through the real engine.
public struct PackTester: Sendable {
    /// One test's verdict; `detail` says what was expected and what came out when it failed.
    public struct Result: Sendable {
        /// The id of the rule the test belongs to.
        public var rule: String
        /// The test's `name`.
        public var test: String
        /// Where the test is written in the pack.
        public var location: SourceLocation
        /// Whether the rule gave what the test expects and the schema rejected just what it names.
        public var passed: Bool
        /// What was expected and what came out; empty when the test passed.
        public var detail: String
    }

    /// The pack whose rules' tests are run.
    public let pack: Pack

    /// A tester for `pack`; its tests run with every rule of the pack selected.
    public init(pack: Pack) { self.pack = pack }

    /// Tests run at this time unless they give `as_of` (or their snapshot does), so a pack's
    /// tests give the same verdict on any day.
    public static let defaultAsOf = Timestamp(seconds: 1_782_777_600)  // 2026-06-30T00:00:00Z

    /// Runs every test of every rule, in pack order, giving one verdict per test.
    public func run() -> [Result] {
        let engine = Engine(pack: pack)
        var results: [Result] = []
        for index in engine.rules.indices {
            for test in engine.rules[index].tests {
                results.append(run(test, of: index, engine: engine))
            }
        }
        return results
    }

    private func run(_ test: RuleTest, of index: Int, engine: Engine) -> Result {
        let rule = engine.rules[index]
        let document = Document(source: SourceText(name: test.location.file, bytes: []), root: test.snapshot, rootMark: test.location.mark, index: 0)
        var now = Self.defaultAsOf
        if let text = test.asOf ?? test.snapshot["as_of"]?.stringValue, let t = EvaluationTime.parse(text) {
            now = t
        }
        let context = EvaluationContext(pack: pack, document: document, now: now)
        let judgements = engine.judge(index, context: context)
        var passed: Bool
        var detail = ""
        // The test's snapshot is held to the schema's types, values, formats and field names
        // (a section or field it leaves out is fine: a test shows one rule on small records), so
        // examples cannot rely on values no real snapshot may hold; `invalid` lists what the test
        // means to be rejected.
        let violations = pack.schema?.validate(test.snapshot, rootMark: test.location.mark, now: SchemaClock.endOfDay(now))
            .filter { $0.kind != .required } ?? []
        let invalidOK = Set(violations.map(\.path)) == Set(test.invalid)
        switch test.expectation {
        case .outcome(let expected):
            let got = judgements.first?.outcome ?? .notApplicable
            passed = judgements.count == 1 && got == expected
            if !passed {
                detail = "expected \(expected.rawValue), got \(judgements.map(\.outcome.rawValue).joined(separator: ", "))"
                if let message = judgements.first?.message, !message.isEmpty { detail += ": \(message)" }
            }
        case .keys(let pass, let fail, let notApplicable):
            let failing = judgements.filter { $0.outcome == .fail }.compactMap(\.key)
            let passing = Set(judgements.filter { $0.outcome == .pass }.compactMap(\.key))
            let skipped = Set(judgements.filter { $0.outcome == .notApplicable }.compactMap(\.key))
            // A rule that judged nothing (a section missing from the test's snapshot) fails the test.
            let errors = judgements.filter { $0.outcome == .error || $0.outcome == .noEvidence }
            passed = Set(failing) == Set(fail) && pass.allSatisfy(passing.contains) && notApplicable.allSatisfy(skipped.contains) && errors.isEmpty
            if !passed {
                detail = "expected pass \(pass) fail \(fail), got pass \(passing.sorted()) fail \(failing)"
                for e in errors { detail += "\n      error on \(e.key ?? "the snapshot"): \(e.message)" }
            }
        }
        if !invalidOK {
            passed = false
            detail += (detail.isEmpty ? "" : "\n      ") + "expected the schema to reject \(test.invalid.sorted()), it rejected \(Set(violations.map(\.path)).sorted())"
            for v in violations where !test.invalid.contains(v.path) { detail += "\n      schema: \(v.message)" }
        }
        return Result(rule: rule.id, test: test.name, location: test.location, passed: passed, detail: detail)
    }
}
