import ClauseRules
import Foundation

/// The pack loader reads packs from disk only, so each input is written to one file of this
/// process and loaded from there.
private let packFile = NSTemporaryDirectory() + "clause-fuzz-pack-\(getpid()).yaml"

/// Any bytes as a single-file rule pack: loaded (header, inline catalogue, rules, `let`, rule
/// tests, every expression compiled) and, when it loads, its own tests run within the default
/// limits. A pack or a list of located errors, never a crash, a hang or unbounded memory.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPack(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard FileManager.default.createFile(atPath: packFile, contents: Data(bytes: data, count: size)) else { return 0 }
    if let pack = try? PackLoader.load(path: packFile) {
        _ = PackTester(pack: pack).run()
    }
    return 0
}
