import ClauseDiagnostics
import ClauseSchema
import ClauseValue
import Testing

/// JSON-Schema-Test-Suite (draft 2020-12) for the supported keywords: every case of every group
/// whose schema compiles must pass, and the groups that do not compile must be exactly those in
/// `Fixtures/expected-skips.txt`, so a newly broken group cannot hide as "unsupported".
@Suite struct TestSuiteTests {
    static func compile(_ group: TestSuiteCase.Group) -> Result<JSONSchema, DiagnosticError> {
        Result { () throws(DiagnosticError) in try JSONSchema(group.schema, rootMark: group.schemaMark, source: group.source) }
    }

    /// Whether the validator agrees with the suite on one case.
    static func passes(_ schema: JSONSchema, _ testCase: TestSuiteCase) -> Bool {
        schema.validate(testCase.data, rootMark: testCase.dataMark, now: nil).isEmpty == testCase.valid
    }

    @Test func suiteIsLoaded() {
        #expect(TestSuiteCase.groups.count == 175)
        #expect(TestSuiteCase.groups.flatMap(\.cases).count == 725)
    }

    @Test(arguments: TestSuiteCase.runnable)
    func suiteCase(_ testCase: TestSuiteCase) throws {
        let group = try #require(TestSuiteCase.schemaSources["\(testCase.file) | \(testCase.group)"])
        let schema = try Self.compile(group).get()
        let violations = schema.validate(testCase.data, rootMark: testCase.dataMark, now: nil)
        #expect(violations.isEmpty == testCase.valid, "\(violations.map(\.message))")
        // An invalid value is always explained.
        if !testCase.valid { #expect(violations.allSatisfy { !$0.message.isEmpty }) }
    }

    @Test func unsupportedGroupsAreExactlyTheExpectedSkips() {
        let failing = TestSuiteCase.groups.filter {
            if case .failure = Self.compile($0) { return true }
            return false
        }
        let expected = TestSuiteCase.expectedSkips
        #expect(Set(expected).count == expected.count, "a group is listed twice")
        for group in failing where !expected.contains(group.key) {
            if case .failure(let error) = Self.compile(group) {
                Issue.record("\(group.key) does not compile and is not an expected skip:\n\(error.rendered)")
            }
        }
        for key in expected where !failing.contains(where: { $0.key == key }) {
            Issue.record("\(key) is listed as an expected skip but compiles (or does not exist)")
        }
    }

    /// The totals the lead quotes; printed so they show in the test log.
    @Test func totals() {
        var passed = 0, total = 0, skipped = 0
        var skippedGroups: [String] = []
        for group in TestSuiteCase.groups {
            total += group.cases.count
            guard case .success(let schema) = Self.compile(group) else {
                skipped += group.cases.count
                skippedGroups.append(group.key)
                continue
            }
            passed += group.cases.filter { Self.passes(schema, $0) }.count
        }
        print("JSON-Schema-Test-Suite draft2020-12: \(passed) of \(total) cases pass, \(skipped) skipped as unsupported (\(skippedGroups.count) groups)")
        #expect(passed + skipped == total)
    }
}
