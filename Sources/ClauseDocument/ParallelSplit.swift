/// Where a large JSON array can be cut in two for both cores: a top-level comma near its
/// middle, with the line and column state the parser would have there.
///
/// Found by one quick structural pass (strings and nesting only, no values built). Anything
/// odd — an unclosed string, a bracket that does not match — and no split is offered: the
/// ordinary parser then runs and reports the problem where it is.
struct ParallelSplit {
    /// Arrays shorter than this are parsed on one core: the pass and the threads would cost more
    /// than they save.
    static let minimumBytes = 1 << 20

    /// Offset of the comma between the halves, and of the array's closing bracket.
    var comma: Int
    var end: Int
    /// Parser state just after the comma.
    var line: Int
    var lineStart: Int
    var continuationBytes: Int

    /// Scans the array whose `[` is at `open`; nil when it is small or not well formed.
    static func find(in bytes: UnsafeBufferPointer<UInt8>, from open: Int, line: Int, lineStart: Int, continuationBytes: Int) -> ParallelSplit? {
        guard bytes.count - open >= minimumBytes, let base = bytes.baseAddress, base[open] == UInt8(ascii: "[") else { return nil }
        // Pass 1, structure only: strings skipped, nesting counted, top-level commas sampled.
        var commas: [Int] = []
        var nextCheckpoint = open + (1 << 18)
        var depth = 0
        var i = open
        let count = bytes.count
        var close = -1
        scan: while i < count {
            switch base[i] {
            case UInt8(ascii: "\""):
                i += 1
                while i < count {
                    let c = base[i]
                    if c == UInt8(ascii: "\"") { break }
                    i += c == UInt8(ascii: "\\") ? 2 : 1
                }
                if i >= count { return nil }
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
                if depth == 0 {
                    guard base[i] == UInt8(ascii: "]") else { return nil }
                    close = i
                    break scan
                }
            case UInt8(ascii: ","):
                if depth == 1 && i >= nextCheckpoint {
                    commas.append(i)
                    nextCheckpoint = i + (1 << 18)
                }
            default:
                break
            }
            i += 1
        }
        guard close > 0, !commas.isEmpty else { return nil }
        let middle = open + (close - open) / 2
        var comma = commas[0]
        for candidate in commas where abs(candidate - middle) < abs(comma - middle) { comma = candidate }
        // Pass 2: the parser's line state at the comma (newlines only occur outside strings in
        // valid JSON; invalid JSON makes a half fail and the whole array is parsed again).
        var line = line, lineStart = lineStart, continuation = continuationBytes
        var j = open
        while j < comma {
            let b = base[j]
            if b == 0x0A || b == 0x0D {
                if b == 0x0D && j + 1 < comma && base[j + 1] == 0x0A { j += 1 }
                line += 1
                lineStart = j + 1
                continuation = 0
            } else if b & 0xC0 == 0x80 {
                continuation += 1
            }
            j += 1
        }
        return ParallelSplit(comma: comma, end: close, line: line, lineStart: lineStart, continuationBytes: continuation)
    }
}
