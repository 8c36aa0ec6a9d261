import ClauseSchema
import ClauseValue
import Testing

/// Clause's `past-date` and `past-date-time` formats against the evaluation time.
@Suite struct PastDateTests {
    static let now = Timestamp(date: "2026-06-30")!

    static func violations(_ yaml: String, now: Timestamp?) throws -> [SchemaViolation] {
        try SchemaFixtures.violations(SchemaFixtures.schema(SchemaFixtures.snapshotSchema), yaml: yaml, now: now)
    }

    @Test func aDateAfterTheEvaluationDateIsReported() throws {
        let violations = try Self.violations("""
        internal_audits:
          - date: 2027-01-05
          - date: 2026-06-30
          - date: 2026-02-29
        """, now: Self.now)
        #expect(violations.map(\.message) == [
            "internal_audits[0].date: '2027-01-05' is after the evaluation date 2026-06-30",
            "internal_audits[2].date: '2026-02-29' is not a date (YYYY-MM-DD)",
        ])
        #expect(violations.map(\.kind) == [.futureDate, .format])
    }

    @Test func aDateTimeIsComparedAsAnInstant() throws {
        let now = Timestamp(rfc3339: "2026-06-30T12:00:00Z")!
        let violations = try Self.violations("""
        internal_audits:
          - closed_at: 2026-06-30T13:00:00+02:00
          - closed_at: 2026-06-30T12:00:01Z
          - closed_at: 2026-06-30
          - date: 2026-06-30
        """, now: now)
        #expect(violations.map(\.message) == [
            "internal_audits[1].closed_at: '2026-06-30T12:00:01Z' is after the evaluation time 2026-06-30T12:00:00Z",
            "internal_audits[2].closed_at: '2026-06-30' is not a date-time (RFC 3339, e.g. 2026-06-30T12:00:00Z)",
        ])
    }

    @Test func withoutAnEvaluationTimeOnlyTheSyntaxIsChecked() throws {
        let violations = try Self.violations("""
        internal_audits:
          - date: 2999-01-01
          - date: 2026-6-1
        """, now: nil)
        #expect(violations.map(\.kind) == [.format])
    }
}
