import Crypto
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The SHA-256 of a snapshot file, for the run manifest: lets an auditor prove which file was
/// judged. swift-crypto's implementation uses the CPU's SHA instructions where it has them, so
/// hashing a 100 MB snapshot costs a few hundredths of a second beside its parse.
public enum FileDigest {
    /// A digest as lowercase hex, as results and `sources.<section>.sha256` hold it.
    public static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: digest.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] }, as: UTF8.self)
    }

    /// The SHA-256 of the file at `path` as lowercase hex, read in 1 MiB chunks so that a large
    /// snapshot is never held in memory whole; nil when the file cannot be read.
    public static func sha256(path: String) -> String? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var hasher = SHA256()
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            chunk.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            if n < chunk.count {
                guard ferror(file) == 0 else { return nil }
                return hex(hasher.finalize())
            }
        }
    }
}
