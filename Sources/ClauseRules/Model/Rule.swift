import ClauseDiagnostics
import ClauseExpression
import ClauseValue

/// How serious a nonconformity is; ordered so that `--fail-on` can compare.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case observation, minor, major

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// The audit stage a rule serves: documents reviewed at stage 1, operation evidenced at stage 2.
public enum Stage: String, Sendable, Codable, CaseIterable {
    case documentation, operation
}

/// One compiled rule of a pack.
public struct Rule: Sendable {
    public var id: String
    public var clauses: [String]
    public var title: String
    public var severity: Severity
    public var stage: Stage
    /// The elements to judge; nil when the rule judges the snapshot once.
    public var each: Program?
    public var elementName: String
    public var key: Program?
    public var when: Program?
    public var assert: Program
    public var message: MessageTemplate
    public var remediation: String
    public var tests: [RuleTest]
    /// Where the rule's `id` is written.
    public var location: SourceLocation
    /// The id of the pack that holds the rule (or of the tailoring that added it): with several
    /// packs composed, each finding says whose rule it is.
    public var pack: String = ""
}

/// A rule's own example: a small snapshot and the outcome it must give.
public struct RuleTest: Sendable {
    public enum Expectation: Sendable, Equatable {
        /// For rules without `each`: the one outcome.
        case outcome(Outcome)
        /// For rules with `each`: keys that must pass, keys that must fail (and no others fail),
        /// keys that must be not applicable.
        case keys(pass: [String], fail: [String], notApplicable: [String])
    }

    public var name: String
    public var snapshot: Value
    public var asOf: String?
    public var expectation: Expectation
    /// Paths the pack's schema must reject in the test's snapshot (`services[0].status`); any
    /// other violation fails the test, so a rule's examples stay valid snapshots.
    public var invalid: [String] = []
    public var location: SourceLocation
}
