#if canImport(Glibc)
import Glibc
#endif

/// SHA-256 (FIPS 180-4) of a snapshot's bytes, for the run manifest: lets an auditor prove which
/// file was judged. Kept here to avoid a cryptography dependency for one digest.
public enum SHA256 {
    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    typealias State = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)
    static let initial: State = (0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)

    /// The digest of bytes in memory.
    public static func hex(_ bytes: [UInt8]) -> String {
        var h = initial
        // Whole blocks straight from the input (no copy of the file), then the padded tail.
        let whole = bytes.count & ~63
        bytes.withUnsafeBufferPointer { input in
            if let base = input.baseAddress, whole > 0 { compress(&h, base, blocks: whole / 64) }
        }
        return finish(&h, tail: Array(bytes[whole...]), length: bytes.count)
    }

    /// The digest of a file, read in 1 MiB chunks so a large snapshot is never held in memory;
    /// nil when it cannot be read.
    public static func hex(fileAt path: String) -> String? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var h = initial
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var length = 0
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            length += n
            let whole = n & ~63
            chunk.withUnsafeBufferPointer { input in
                if let base = input.baseAddress, whole > 0 { compress(&h, base, blocks: whole / 64) }
            }
            if n < chunk.count {
                guard ferror(file) == 0 else { return nil }
                return finish(&h, tail: Array(chunk[whole..<n]), length: length)
            }
        }
    }

    /// Pads the last partial block (FIPS 180-4 §5.1.1) and renders the digest.
    private static func finish(_ h: inout State, tail: [UInt8], length: Int) -> String {
        var tail = tail
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        let bitLength = UInt64(length) &* 8
        for i in (0..<8).reversed() { tail.append(UInt8(truncatingIfNeeded: bitLength >> (UInt64(i) * 8))) }
        tail.withUnsafeBufferPointer { input in
            if let base = input.baseAddress { compress(&h, base, blocks: input.count / 64) }
        }
        return [h.0, h.1, h.2, h.3, h.4, h.5, h.6, h.7].map { word in
            let s = String(word, radix: 16)
            return String(repeating: "0", count: 8 - s.count) + s
        }.joined()
    }

    @inline(__always)
    private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }

    /// The compression function over `blocks` 64-byte blocks at `m`; no bounds checks, the
    /// message schedule in a 16-word ring on the stack.
    private static func compress(_ h: inout State,
                                 _ m: UnsafePointer<UInt8>, blocks: Int) {
        k.withUnsafeBufferPointer { kb in
            let k = kb.baseAddress!
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 16) { wb in
                let w = wb.baseAddress!
                var p = m
                for _ in 0..<blocks {
                    for t in 0..<16 {
                        let j = p + t * 4
                        w[t] = UInt32(j[0]) << 24 | UInt32(j[1]) << 16 | UInt32(j[2]) << 8 | UInt32(j[3])
                    }
                    var (a, b, c, d, e, f, g, hh) = h
                    @inline(__always) func round(_ t: Int, _ wt: UInt32) {
                        let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
                        let ch = (e & f) ^ (~e & g)
                        let t1 = hh &+ s1 &+ ch &+ k[t] &+ wt
                        let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
                        let maj = (a & b) ^ (c & (a ^ b))
                        (hh, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ s0 &+ maj)
                    }
                    for t in 0..<16 { round(t, w[t]) }
                    for t in 16..<64 {
                        let w15 = w[(t - 15) & 15], w2 = w[(t - 2) & 15]
                        let s0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >> 3)
                        let s1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >> 10)
                        let wt = w[t & 15] &+ s0 &+ w[(t - 7) & 15] &+ s1
                        w[t & 15] = wt
                        round(t, wt)
                    }
                    h = (h.0 &+ a, h.1 &+ b, h.2 &+ c, h.3 &+ d, h.4 &+ e, h.5 &+ f, h.6 &+ g, h.7 &+ hh)
                    p += 64
                }
            }
        }
    }
}
