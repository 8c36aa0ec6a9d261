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
        var checkpoints: [ParallelSplit] = []
        var nextCheckpoint = open + (1 << 18)
        var depth = 0
        var line = line, lineStart = lineStart, continuation = continuationBytes
        var i = open
        let count = bytes.count
        while i < count {
            let b = base[i]
            switch b {
            case UInt8(ascii: "\""):
                i += 1
                while i < count {
                    let c = base[i]
                    if c == UInt8(ascii: "\"") { break }
                    if c == UInt8(ascii: "\\") { i += 1 } else if c & 0xC0 == 0x80 { continuation += 1 } else if c < 0x20 { return nil }
                    i += 1
                }
                if i >= count { return nil }
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
                if depth == 0 {
                    guard b == UInt8(ascii: "]"), !checkpoints.isEmpty else { return nil }
                    let middle = open + (i - open) / 2
                    var best = checkpoints[0]
                    for checkpoint in checkpoints where abs(checkpoint.comma - middle) < abs(best.comma - middle) { best = checkpoint }
                    best.end = i
                    return best
                }
                if depth < 0 { return nil }
            case UInt8(ascii: ","):
                if depth == 1 && i >= nextCheckpoint {
                    checkpoints.append(ParallelSplit(comma: i, end: 0, line: line, lineStart: lineStart, continuationBytes: continuation))
                    nextCheckpoint = i + (1 << 18)
                }
            case 0x0A:
                line += 1
                lineStart = i + 1
                continuation = 0
            case 0x0D:
                if i + 1 < count && base[i + 1] == 0x0A { i += 1 }
                line += 1
                lineStart = i + 1
                continuation = 0
            default:
                break
            }
            i += 1
        }
        return nil
    }
}
