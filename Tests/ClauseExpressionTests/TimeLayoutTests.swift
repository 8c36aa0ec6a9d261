import ClauseExpression
import ClauseValue
import Testing

/// `parseTime` and `parseDate`: the date-time layouts exports really write, read strictly.
@Suite struct TimeLayoutTests {
    static func eval(_ source: String) throws -> Value {
        try Program.compile(source).evaluate()
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var expression: String
        var expected: String
        var testDescription: String { expression }
    }

    static let parsed: [Case] = [
        // ServiceNow list exports, in the exporting user's zone (BST in May: UTC+1).
        Case(expression: "parseTime('2026-05-04 10:10:00', 'yyyy-MM-dd HH:mm:ss', 'Europe/London')", expected: "2026-05-04T09:10:00Z"),
        Case(expression: "parseTime('04-01-2026 10:10', 'dd-MM-yyyy HH:mm', 'Europe/London')", expected: "2026-01-04T10:10:00Z"),
        Case(expression: "parseTime('2026-05-04 10:10:00', 'yyyy-MM-dd HH:mm:ss', 'UTC')", expected: "2026-05-04T10:10:00Z"),
        // Jira: a '+0000' offset, which RFC 3339 does not allow; the offset wins over the zone.
        Case(expression: "parseTime('2026-05-04T09:10:00.000+0000', \"yyyy-MM-dd'T'HH:mm:ss.SSSZ\", 'Europe/London')", expected: "2026-05-04T09:10:00Z"),
        Case(expression: "parseTime('2026-05-04T11:10:00.5+02:00', \"yyyy-MM-dd'T'HH:mm:ss.SSSZ\", 'UTC')", expected: "2026-05-04T09:10:00.500Z"),
        Case(expression: "parseTime('2024-02-29 00:00:00', 'yyyy-MM-dd HH:mm:ss', 'America/New_York')", expected: "2024-02-29T05:00:00Z"),
    ]

    @Test(arguments: parsed) func parsesExportLayouts(_ c: Case) throws {
        guard case .timestamp(let t) = try Self.eval(c.expression) else { Issue.record("not a timestamp"); return }
        #expect(t.rfc3339 == c.expected)
    }

    static let rejected: [(String, String)] = [
        ("parseTime('31/02/2026', 'yyyy-MM-dd HH:mm:ss', 'UTC')", "does not match the layout"),
        ("parseTime('2026-02-31 00:00:00', 'yyyy-MM-dd HH:mm:ss', 'UTC')", "is not a date"),
        ("parseTime('2026-05-04 10:10:00 extra', 'yyyy-MM-dd HH:mm:ss', 'UTC')", "does not match the layout"),
        ("parseTime('2026-05-04 25:10:00', 'yyyy-MM-dd HH:mm:ss', 'UTC')", "does not match the layout"),
        ("parseTime('2026-05-04', 'yyyy-MM-dd', 'Mars/Olympus')", "invalid time zone"),
        ("parseTime('2026-05-04', 'YYYY-MM-DD', 'UTC')", "layout 'YYYY-MM-DD' has 'YYYY'"),
        ("parseDate('2026-13-01', 'yyyy-MM-dd')", "does not match the layout"),
    ]

    @Test(arguments: rejected) func rejectsWhatDoesNotMatch(_ c: (String, String)) {
        do {
            let v = try Self.eval(c.0)
            Issue.record("gave \(v)")
        } catch {
            #expect("\(error)".contains(c.1), "\(error)")
        }
    }

    @Test func dateAndNullHandling() throws {
        #expect(try Self.eval("parseDate('04/05/2026', 'dd/MM/yyyy')") == .string("2026-05-04"))
        // An empty export cell is null: the helpers pass it on, so the field is left out.
        #expect(try Self.eval("parseTime(null, 'yyyy', 'UTC')") == .null)
        #expect(try Self.eval("parseDate(null, 'yyyy')") == .null)
    }
}

/// Library calls are charged by the work they do, and results over the size limits fail
/// before they are built (hostile expressions from a pack under review).
@Suite struct CallWeightTests {
    static func error(_ source: String, limits: Limits = Limits()) -> String? {
        do {
            var environment = Environment()
            environment.limits = limits
            _ = try Program.compile(source, environment: environment).evaluate()
            return nil
        } catch {
            return "\(error)"
        }
    }

    static let doubling = "cel.bind(a, 'xy', cel.bind(b, a+a+a+a+a+a+a+a, cel.bind(c, b+b+b+b+b+b+b+b, cel.bind(d, c+c+c+c+c+c+c+c, cel.bind(e, d+d+d+d+d+d+d+d, cel.bind(g, e+e+e+e+e+e+e+e, %@))))))"

    @Test func aRegexOverAMegabyteIsOverBudget() {
        let message = Self.error(Self.doubling.replacingOccurrences(of: "%@", with: "g.matches('x{1000}z') || g.matches('x{1000}z')"))
        #expect(message?.contains("cost budget exceeded") == true, "\(message ?? "no error")")
    }

    @Test func aReplaceThatWouldBuildGigabytesFailsFirst() {
        let message = Self.error("cel.bind(d, 'x'.replace('x', 'xxxxxxxxxxxxxxxx').replace('x', 'xxxxxxxxxxxxxxxx').replace('x', 'xxxxxxxxxxxxxxxx').replace('x', 'xxxxxxxxxxxxxxxx'), d.replace('x', d))")
        #expect(message?.contains("string size exceeds limit of 1048576 bytes") == true, "\(message ?? "no error")")
    }

    @Test func concatenationAndJoinAreCheckedBeforeTheyAllocate() {
        // g is 64 KiB, h 512 KiB: three of them are over the 1 MiB limit.
        let concatenated = Self.doubling.replacingOccurrences(of: "%@", with: "cel.bind(h, g+g+g+g+g+g+g+g, size(h + h + h))")
        #expect(Self.error(concatenated)?.contains("string size exceeds limit of 1048576 bytes") == true, "\(Self.error(concatenated) ?? "no error")")
        let joined = Self.doubling.replacingOccurrences(of: "%@", with: "cel.bind(h, g+g+g+g+g+g+g+g, size([h, h, h].join('')))")
        #expect(Self.error(joined)?.contains("string size exceeds limit of 1048576 bytes") == true, "\(Self.error(joined) ?? "no error")")
    }

    /// Building values is charged by their size, both in steps (about 8 bytes per step) and
    /// against the memory bound: a map that would build gigabytes stops at the first of the two.
    @Test func buildingLargeValuesInALoopIsBounded() {
        let list = "[" + (0..<2000).map(String.init).joined(separator: ",") + "]"
        let message = Self.error(Self.doubling.replacingOccurrences(of: "%@", with: "size(\(list).map(x, [g + g, g + g, g + g]))"))
        #expect(message?.contains("memory limit exceeded: this evaluation built more than 64 MiB of values") == true, "\(message ?? "no error")")
        var limits = Limits()
        limits.maxBuiltBytes = .max
        let unbounded = Self.error(Self.doubling.replacingOccurrences(of: "%@", with: "size(\(list).map(x, [g + g, g + g, g + g]))"), limits: limits)
        #expect(unbounded?.contains("cost budget exceeded") == true, "\(unbounded ?? "no error")")
    }

    @Test func ordinaryCallsStayWellInsideTheBudget() throws {
        #expect(try Program.compile("'svc-01@example.com'.matches('^[a-z0-9.-]+@example[.]com$') && 'a,b'.replace(',', ';') == 'a;b'").evaluate() == .bool(true))
    }
}
