import ClauseDiagnostics
import ClauseExpression
import ClauseValue

/// How serious a nonconformity is; ordered so that `--fail-on` can compare.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case observation, minor, major

    /// Orders observation below minor below major, as `--fail-on` compares them.
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
    /// The rule's id, unique across composed packs: findings, waivers and `--rule` name it.
    public var id: String
    /// The catalogue clauses the rule evidences, cited by every finding it gives.
    public var clauses: [String]
    /// What the rule checks, in a line, shown beside its findings.
    public var title: String
    /// How serious a failure of the rule is; a tailoring file may change it.
    public var severity: Severity
    /// The audit stage the rule serves, which `--stage` selects on.
    public var stage: Stage
    /// The elements to judge; nil when the rule judges the snapshot once.
    public var each: Program?
    /// The name each element has in the rule's expressions (`as:`, `it` by default).
    public var elementName: String
    /// Gives each element's key, for findings, fingerprints and waivers; present whenever `each` is.
    public var key: Program?
    /// Whether an element is judged at all: false makes it not applicable. Nil to judge every one.
    public var when: Program?
    /// Must give true for the element (or the snapshot) to pass.
    public var assert: Program
    /// The finding's message for a failing element, its `{expr}` parts evaluated for that element.
    public var message: MessageTemplate
    /// What to do about a failure, shown with each finding; empty when the pack gives none.
    public var remediation: String
    /// The rule's own examples (`tests:`), run by `clause test`.
    public var tests: [RuleTest]
    /// Where the rule's `id` is written.
    public var location: SourceLocation
    /// The id of the pack that holds the rule (or of the tailoring that added it): with several
    /// packs composed, each finding says whose rule it is.
    public var pack: String = ""
}

/// A rule's own example: a small snapshot and the outcome it must give.
public struct RuleTest: Sendable {
    /// What a test expects, in the form that suits whether the rule has `each`.
    public enum Expectation: Sendable, Equatable {
        /// For rules without `each`: the one outcome.
        case outcome(Outcome)
        /// For rules with `each`: keys that must pass, keys that must fail (and no others fail),
        /// keys that must be not applicable.
        case keys(pass: [String], fail: [String], notApplicable: [String])
    }

    /// The test's name as reported; one starting `evasion` shows how the rule could be fooled.
    public var name: String
    /// The small snapshot the rule is run against.
    public var snapshot: Value
    /// The test's own `as_of`, used before its snapshot's and `PackTester.defaultAsOf`.
    public var asOf: String?
    /// The outcome, or the keys by outcome, the rule must give on `snapshot`.
    public var expectation: Expectation
    /// Paths the pack's schema must reject in the test's snapshot (`services[0].status`); any
    /// other violation fails the test, so a rule's examples stay valid snapshots.
    public var invalid: [String] = []
    /// Where the test is written in the pack, for the test report.
    public var location: SourceLocation
}
