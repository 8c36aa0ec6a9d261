import ArgumentParser
import ClauseRules
import ClauseValue

/// `--pack`, for the commands that load rule packs: repeatable, the packs composed with what
/// they require; none means the shipped pack.
struct PackOptions: ParsableArguments {
    @Option(name: .customLong("pack"), help: "Rule pack folder or file (repeatable: the packs are composed; default: the shipped ISO/IEC 20000-1 pack).")
    var paths: [String] = []

    func load() throws -> Pack { try CommandSupport.loadPack(paths) }
}

/// `--as-of`, checked while the options are parsed: a date that is not one is bad usage before
/// anything is read.
struct AsOfOption: ParsableArguments {
    @Option(name: .customLong("as-of"), help: "Evaluation date (YYYY-MM-DD or RFC 3339); default: each snapshot's as_of, else now.")
    var text: String?

    /// The date given, if any.
    var timestamp: Timestamp? { text.flatMap(EvaluationTime.parse) }

    func validate() throws {
        if let text, EvaluationTime.parse(text) == nil {
            throw ValidationError("--as-of '\(text)' is not a date (YYYY-MM-DD) or an RFC 3339 time")
        }
    }
}
