/// Reuses the `String` of short texts a document repeats (keys such as `id`, values such as
/// `P1` or a date): a hit costs a compare of two machine words instead of validating and
/// building a new string, and repeated texts over 15 bytes share one allocation.
struct StringCache {
    private static let slots = 4096
    private var words = [SIMD2<UInt64>](repeating: SIMD2(0, 0), count: slots)
    private var lengths = [Int](repeating: -1, count: slots)
    private var strings = [String](repeating: "", count: slots)

    /// The string of the `count` bytes at `start`, which must be valid UTF-8.
    mutating func string(_ start: UnsafePointer<UInt8>, count: Int) -> String {
        guard count <= 16 else { return String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self) }
        var key = SIMD2<UInt64>(0, 0)
        withUnsafeMutableBytes(of: &key) { $0.copyMemory(from: UnsafeRawBufferPointer(start: start, count: count)) }
        let hash = (key[0] &* 0x9E37_79B9_7F4A_7C15) ^ (key[1] &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(count)
        let slot = Int(truncatingIfNeeded: hash >> 52) & (Self.slots - 1)
        if lengths[slot] == count && words[slot] == key { return strings[slot] }
        let string = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
        words[slot] = key
        lengths[slot] = count
        strings[slot] = string
        return string
    }
}
