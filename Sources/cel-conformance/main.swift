import CELConformance
import Foundation

// Runs CEL conformance test files through ClauseExpression and prints the tallies.
// Usage: cel-conformance [--verbose] FILE_OR_FOLDER...

var verbose = false
var paths: [String] = []
for arg in CommandLine.arguments.dropFirst() {
    switch arg {
    case "--verbose", "-v": verbose = true
    case "--help", "-h":
        print("usage: cel-conformance [--verbose] FILE_OR_FOLDER...")
        exit(0)
    default: paths.append(arg)
    }
}
if paths.isEmpty {
    FileHandle.standardError.write(Data("usage: cel-conformance [--verbose] FILE_OR_FOLDER...\n".utf8))
    exit(2)
}

var total = (passed: 0, failed: 0, skipped: 0)
var byCategory: [String: (passed: Int, failed: Int)] = [:]
for url in ConformanceSuite.files(in: paths) {
    do {
        let o = try ConformanceSuite.run(file: url)
        print("\(url.lastPathComponent): \(o.passed) passed, \(o.failed) failed, \(o.skipped) skipped")
        if verbose {
            for f in o.failures { print("  FAIL " + f.description) }
        }
        total.passed += o.passed
        total.failed += o.failed
        total.skipped += o.skipped
        byCategory[o.category, default: (0, 0)].passed += o.passed
        byCategory[o.category, default: (0, 0)].failed += o.failed
    } catch {
        FileHandle.standardError.write(Data("\(url.path): \(error)\n".utf8))
        exit(2)
    }
}
let core = byCategory["core"] ?? (0, 0), ext = byCategory["ext"] ?? (0, 0)
print("core: \(core.passed) passed, \(core.failed) failed; ext: \(ext.passed) passed, \(ext.failed) failed")
print("\(total.passed) passed, \(total.failed) failed, \(total.skipped) skipped")
exit(total.failed == 0 ? 0 : 1)
