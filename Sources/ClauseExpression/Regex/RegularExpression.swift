/// A compiled RE2-syntax pattern for code outside the expression engine (the schema
/// validator's `pattern`), so every pattern Clause runs goes through the same linear-time
/// engine: a hostile pattern in a user's schema can never make a check hang.
public struct RegularExpression: Sendable {
    /// Why a pattern was refused, in the engine's words, so a caller can locate it in its file.
    public struct SyntaxError: Error, Sendable, CustomStringConvertible {
        /// What is wrong with the pattern, lower-case.
        public let message: String
        /// The message, so that printing the error says what is wrong.
        public var description: String { message }
    }

    /// The pattern as written, kept for messages that quote it.
    public let pattern: String
    private let regex: Regex

    /// Compiles once, so a pattern applied to a million values is parsed only once.
    public init(_ pattern: String) throws(SyntaxError) {
        do {
            regex = try Regex(pattern)
        } catch {
            throw SyntaxError(message: error.message)
        }
        self.pattern = pattern
    }

    /// Whether the pattern matches anywhere in `text` (an unanchored search, as both RE2 and
    /// JSON Schema's `pattern` define it).
    public func matches(_ text: String) -> Bool {
        regex.matches(text)
    }
}
