import Foundation

/// Finds the shipped ISO/IEC 20000-1 pack when no `--pack` is given: beside the working
/// directory (a clone), above the executable (a build in the clone), or in `share/clause` of an
/// installation prefix.
enum PackLocator {
    static let relative = "rules/iso20000-1"

    static func defaultPack() -> String? {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["CLAUSE_PACK"], !env.isEmpty { return env }
        // Relative when run from the repository, so reports name `rules/...` wherever it is cloned.
        var candidates = [relative]
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(dir.appendingPathComponent(relative).path)
            candidates.append(dir.appendingPathComponent("share/clause/" + relative).path)
            dir.deleteLastPathComponent()
        }
        return candidates.first { fm.fileExists(atPath: $0 + "/pack.yaml") }
    }
}
