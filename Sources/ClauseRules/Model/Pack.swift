import ClauseDiagnostics
import ClauseExpression

/// A loaded, validated rule pack: every expression compiled, every clause known.
public struct Pack: Sendable {
    public var id: String
    public var title: String
    public var version: String
    /// The pack's folder or file, as given.
    public var path: String
    public var catalogue: [ClauseEntry]
    /// Named expressions usable in every rule, in the order written (a `let` may use earlier ones).
    public var lets: [(name: String, program: Program)]
    public var rules: [Rule]

    public func clause(_ number: String) -> ClauseEntry? {
        catalogue.first { $0.number == number }
    }
}
