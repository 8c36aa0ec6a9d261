import ClauseValue

/// Compares loaded trees with their marks, which `Value`'s `==` ignores: a parse on both cores
/// must place every value exactly where the one-core parse does.
enum TreeComparison {
    /// Values, key marks and value marks of two trees are identical.
    static func same(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.list(let x), .list(let y)):
            return x.count == y.count && x.marks == y.marks && zip(x.elements, y.elements).allSatisfy { same($0, $1) }
        case (.map(let x), .map(let y)):
            guard x.count == y.count else { return false }
            for i in 0..<x.count {
                let (p, q) = (x.entry(at: i), y.entry(at: i))
                guard p.key == q.key, p.keyMark == q.keyMark, p.valueMark == q.valueMark, same(p.value, q.value) else { return false }
            }
            return true
        default:
            return a == b
        }
    }
}
