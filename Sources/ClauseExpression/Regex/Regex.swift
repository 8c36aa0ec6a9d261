import Foundation

/// A regular expression in RE2 syntax, compiled to a Thompson NFA and run by simulating all
/// states at once (Pike's method without captures): time is linear in the input for a given
/// pattern, so no pattern can make `matches` hang, unlike a backtracking engine.
///
/// `matches` only asks whether a match exists, so greedy and lazy repetition behave the same and
/// no capture positions are kept.
final class Regex: @unchecked Sendable {
    struct Error: Swift.Error { var message: String }

    enum Inst {
        case char(CharClass)
        case split(Int, Int)
        case jmp(Int)
        case assert(Assertion)
        case match
    }

    enum Assertion { case beginLine, endLine, beginText, endText, wordBoundary, notWordBoundary }

    /// A set of code points as sorted inclusive ranges.
    struct CharClass {
        var ranges: [(UInt32, UInt32)]
        var negated: Bool

        func contains(_ c: UInt32) -> Bool {
            var found = false
            for r in ranges where c >= r.0 && c <= r.1 { found = true; break }
            return found != negated
        }
    }

    let program: [Inst]
    /// The literal this pattern is, when it is one (a fast path for common patterns).
    let literal: [Unicode.Scalar]?

    static let maxProgramSize = 20_000

    init(_ pattern: String) throws(Error) {
        var parser = RegexParser(Array(pattern.unicodeScalars))
        let ast = try parser.parse()
        var compiler = RegexCompiler()
        try compiler.emit(ast)
        compiler.insts.append(.match)
        program = compiler.insts
        literal = ast.literalScalars
    }

    /// Whether the pattern matches anywhere in `text` (RE2 partial match).
    func matches(_ text: String) -> Bool {
        let input = Array(text.unicodeScalars)
        if let literal {
            if literal.isEmpty { return true }
            return Strings.find(input, literal, from: 0) != nil
        }
        return run(input)
    }

    private func run(_ input: [Unicode.Scalar]) -> Bool {
        let n = program.count
        var clist = [Int](), nlist = [Int]()
        clist.reserveCapacity(n)
        nlist.reserveCapacity(n)
        var mark = [Int](repeating: -1, count: n)
        var stack = [Int]()
        var generation = 0

        func isWord(_ c: Unicode.Scalar?) -> Bool {
            guard let c else { return false }
            let v = c.value
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || v == 0x5F
        }

        // Follows empty transitions from `pc` at position `i`, adding char and match states to `list`.
        func add(_ pc0: Int, _ i: Int, _ list: inout [Int]) -> Bool {
            stack.append(pc0)
            var matched = false
            while let pc = stack.popLast() {
                if mark[pc] == generation { continue }
                mark[pc] = generation
                switch program[pc] {
                case .char: list.append(pc)
                case .match: matched = true
                case .jmp(let t): stack.append(t)
                case .split(let a, let b):
                    stack.append(b)
                    stack.append(a)
                case .assert(let a):
                    let prev: Unicode.Scalar? = i > 0 ? input[i - 1] : nil
                    let cur: Unicode.Scalar? = i < input.count ? input[i] : nil
                    let ok: Bool
                    switch a {
                    case .beginText: ok = i == 0
                    case .endText: ok = i == input.count
                    case .beginLine: ok = i == 0 || prev == "\n"
                    case .endLine: ok = i == input.count || cur == "\n"
                    case .wordBoundary: ok = isWord(prev) != isWord(cur)
                    case .notWordBoundary: ok = isWord(prev) == isWord(cur)
                    }
                    if ok { stack.append(pc + 1) }
                }
            }
            return matched
        }

        generation += 1
        if add(0, 0, &clist) { return true }
        var i = 0
        while i < input.count {
            let c = input[i].value
            generation += 1
            nlist.removeAll(keepingCapacity: true)
            for pc in clist {
                if case .char(let cls) = program[pc], cls.contains(c) {
                    if add(pc + 1, i + 1, &nlist) { return true }
                }
            }
            // Unanchored search: a new thread starts at every position.
            if add(0, i + 1, &nlist) { return true }
            swap(&clist, &nlist)
            i += 1
        }
        return false
    }

    nonisolated(unsafe) private static var cache: [String: Result<Regex, Error>] = [:]
    private static let lock = NSLock()

    /// A compiled pattern from a small process-wide cache (for patterns not known at compile time).
    static func cached(_ pattern: String) -> Result<Regex, Error> {
        lock.lock()
        defer { lock.unlock() }
        if let r = cache[pattern] { return r }
        let r: Result<Regex, Error>
        do { r = .success(try Regex(pattern)) } catch { r = .failure(error) }
        if cache.count > 256 { cache.removeAll() }
        cache[pattern] = r
        return r
    }
}
