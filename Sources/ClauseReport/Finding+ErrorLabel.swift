import ClauseRules

extension Finding {
    /// How an error finding reads in reports: a rule that could not be evaluated is an
    /// "evaluation error"; a value the snapshot schema rejects (or an unknown field under
    /// `--strict`) is an "invalid snapshot value", which is what an auditor must fix.
    var errorText: String {
        guard outcome == .error else { return message }
        let invalid = rule == BuiltinCheck.schema.rawValue || rule == BuiltinCheck.unknown.rawValue
        return (invalid ? "invalid snapshot value: " : "evaluation error: ") + message
    }
}
