/// A pack version, `MAJOR.MINOR.PATCH` (`2`, `2.1` stand for `2.0.0`, `2.1.0`), compared part by
/// part. Pre-release and build suffixes are refused: a pack a gate depends on is a release.
public struct PackVersion: Sendable, Comparable, CustomStringConvertible {
    /// Major, minor and patch: always three, a part left out read as 0.
    public var parts: [Int]

    /// Reads `MAJOR[.MINOR[.PATCH]]` in plain digits; nil for anything else, suffixes included.
    public init?(_ text: String) {
        let pieces = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...3).contains(pieces.count) else { return nil }
        var parts: [Int] = []
        for piece in pieces {
            guard !piece.isEmpty, piece.count <= 9, piece.allSatisfy(\.isASCII), piece.allSatisfy(\.isNumber), let n = Int(piece) else { return nil }
            parts.append(n)
        }
        self.parts = parts + Array(repeating: 0, count: 3 - parts.count)
    }

    /// Orders by major, then minor, then patch.
    public static func < (a: PackVersion, b: PackVersion) -> Bool { a.parts.lexicographicallyPrecedes(b.parts) }
    /// The version as `MAJOR.MINOR.PATCH`, parts left out written as 0.
    public var description: String { parts.map(String.init).joined(separator: ".") }
}

/// What a pack's `requires:` accepts of another pack's version: comparisons that must all hold,
/// separated by spaces or commas (`>=2.0.0 <3`, `>=2.1, <2.4`), or one of `^2.1` (same major,
/// at least 2.1), `~2.1` (same major and minor), `=2.1.0` or a bare version (exactly it).
public struct VersionConstraint: Sendable, CustomStringConvertible {
    enum Comparison: String, CaseIterable {
        // Longer operators first, so that `>=` is not read as `>` then `=2`.
        case atLeast = ">=", atMost = "<=", equal = "==", above = ">", below = "<", exactly = "=", caret = "^", tilde = "~"
    }

    /// Why a text is not a constraint.
    public struct Problem: Error, Sendable {
        /// What is wrong, with an example of a valid constraint, for a located error.
        public var message: String
        init(_ message: String) { self.message = message }
    }

    let terms: [(Comparison, PackVersion)]
    /// The constraint as written in `requires:`, for messages.
    public let description: String

    /// The constraint `text` writes, or what is wrong with it.
    public static func parse(_ text: String) -> Result<VersionConstraint, Problem> {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," })
        guard !words.isEmpty else { return .failure(Problem("an empty version constraint accepts nothing; write one such as '>=2.0.0 <3'")) }
        var terms: [(Comparison, PackVersion)] = []
        for word in words {
            let op = Comparison.allCases.first { word.hasPrefix($0.rawValue) }
            let rest = String(word.dropFirst(op?.rawValue.count ?? 0))
            guard let version = PackVersion(rest) else {
                return .failure(Problem("'\(word)' is not a version comparison (such as >=2.0.0, <3, ^2.1, ~2.1.0 or 2.1.0)"))
            }
            terms.append((op ?? .exactly, version))
        }
        return .success(VersionConstraint(terms: terms, description: text))
    }

    /// Whether `version` satisfies every term.
    public func admits(_ version: PackVersion) -> Bool {
        terms.allSatisfy { op, v in
            switch op {
            case .atLeast: version >= v
            case .atMost: version <= v
            case .above: version > v
            case .below: version < v
            case .equal, .exactly: version == v
            case .caret: version >= v && version.parts[0] == v.parts[0]
            case .tilde: version >= v && version.parts[0] == v.parts[0] && version.parts[1] == v.parts[1]
            }
        }
    }
}
