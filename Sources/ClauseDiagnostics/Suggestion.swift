/// Finds the declared name a misspelt one was meant to be, for `did you mean` hints: a typo in
/// a snapshot field or a schema keyword is the commonest mistake and the cheapest to fix.
public enum Suggestion {
    /// The closest of `candidates` to `word` by edit distance (an adjacent swap counts as one),
    /// when it is within 2 edits or a third of the word's length; nil when none is that close.
    public static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
        let target = Array(word.unicodeScalars)
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != word {
            let other = Array(candidate.unicodeScalars)
            let limit = max(2, target.count / 3)
            // Two short names that share nothing are not a typo of each other.
            guard abs(other.count - target.count) <= limit else { continue }
            let d = distance(target, other)
            guard d <= limit, d < max(target.count, other.count) else { continue }
            if best == nil || d < best!.distance { best = (candidate, d) }
        }
        return best?.name
    }

    /// Optimal string alignment distance (Levenshtein plus adjacent transposition).
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d = min(d, previous2[j - 2] + 1) }
                current[j] = d
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
