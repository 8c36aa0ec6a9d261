import ClauseDiagnostics

/// One way a snapshot breaks its schema, with what a user needs to fix it: where (path and
/// mark), what was written and what was expected.
public struct SchemaViolation: Sendable, Hashable {
    /// The rule broken, so a caller can group or grade violations without parsing messages.
    public enum Kind: String, Sendable {
        case type, enumeration, const, pattern, format, minimum, maximum, required, unknownProperty
        case anyOf, oneOf, not, items, minItems, maxItems, minLength, maxLength, futureDate
    }

    /// Which rule, for callers that count or filter violations by kind.
    public var kind: Kind
    /// Instance path as Clause prints it (`services[3].status`; `$` for the document itself),
    /// so a violation reads like the expressions that address the same value.
    public var path: String
    /// Source mark of the offending value (for `unknownProperty`: the key's mark; for
    /// `required`: the mark of the object missing it), so reports can point at the line.
    public var mark: SourceMark
    /// Lower-case message starting with the path, naming the value as written and what was
    /// expected, so it can be shown as is.
    public var message: String
    /// For `unknownProperty`: the closest declared property name, so a report can offer the fix.
    public var suggestion: String?

    /// Memberwise, so callers and tests can build the violations they expect.
    public init(kind: Kind, path: String, mark: SourceMark, message: String, suggestion: String? = nil) {
        self.kind = kind
        self.path = path
        self.mark = mark
        self.message = message
        self.suggestion = suggestion
    }
}
