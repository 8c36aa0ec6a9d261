import Foundation

// clause-bench: generates snapshots and measures Clause against baselines in the same run.
//   clause-bench [--jobs loading,expressions,check] [--sizes 10,100] [--dir DIR]
//                [--elements 100000] [--pack rules/iso20000-1] [--without RULE,...] [--timeout 120]
//                [--shape sms|peer]
//     loading      the loading benchmark (YAML and JSON loaders against raw libyaml)
//     expressions  CEL evaluation per element (`--elements` service-like maps)
//     check        the whole `clause check` (pack + load + evaluate) against raw libyaml, on a
//                  realistic SMS snapshot (`--shape peer`: the gen.py-shaped one)
//     import       `clause check` on a manifest importing `--rows` (1,000,000) incident CSV rows,
//                  against Python's csv module reading the same file (not in the default jobs)
//   clause-bench rules FILE [--pack DIR] [--top N] where evaluation time goes, rule by rule
//   clause-bench generate sms|peer SIZE-MB [--format yaml|json] [--dir DIR]   write one snapshot
//   clause-bench measure JOB FILE [PACK [RULE,...]]  (internal) one job in a child process;
//                                                    check runs the pack without those rules

let arguments = Array(CommandLine.arguments.dropFirst())

func option(_ name: String) -> String? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
    return arguments[i + 1]
}

do {
    if arguments.first == "measure", (3...5).contains(arguments.count) {
        try Measurement.runJob(arguments[1], file: arguments[2], pack: arguments.count >= 4 ? arguments[3] : nil,
                               without: Set((arguments.count == 5 ? arguments[4] : "").split(separator: ",").map(String.init)))
        exit(0)
    }
    if arguments.first == "rules", arguments.count >= 2 {
        try RuleProfile(file: arguments[1], pack: option("--pack") ?? "rules/iso20000-1", top: option("--top").flatMap { Int($0) } ?? 15).run()
        exit(0)
    }
    if arguments.first == "generate", arguments.count >= 3, let shape = SnapshotFiles.Shape(rawValue: arguments[1]), let size = Int(arguments[2]) {
        let dir = option("--dir") ?? NSTemporaryDirectory() + "clause-bench"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        print(try SnapshotFiles.path(size: size, format: option("--format") == "json" ? .json : .yaml, shape: shape, directory: dir))
        exit(0)
    }
    let jobs = Set((option("--jobs") ?? "loading,expressions,check").split(separator: ",").map(String.init))
    if let unknown = jobs.subtracting(["loading", "expressions", "check", "import"]).first { throw BenchError("unknown job '\(unknown)'") }
    let sizes = (option("--sizes") ?? "10,100").split(separator: ",").compactMap { Int($0) }
    let dir = option("--dir") ?? NSTemporaryDirectory() + "clause-bench"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    if jobs.contains("loading") {
        var loading = LoadingBenchmark(sizes: sizes, directory: dir)
        try loading.run()
    }
    if jobs.contains("import") {
        try ImportBenchmark(rows: Int(option("--rows") ?? "") ?? 1_000_000, directory: dir,
                            pack: ((option("--pack") ?? "rules/iso20000-1") as NSString).standardizingPath).run()
    }
    if jobs.contains("expressions") { try ExpressionBenchmark(elements: Int(option("--elements") ?? "") ?? 100_000, only: option("--case")).run() }
    if jobs.contains("check") {
        let pack = option("--pack") ?? "rules/iso20000-1"
        guard FileManager.default.fileExists(atPath: pack) else { throw BenchError("no pack at \(pack) (run from the repository root or give --pack)") }
        try CheckBenchmark(sizes: sizes, directory: dir, pack: (pack as NSString).standardizingPath,
                           without: option("--without") ?? "", shape: SnapshotFiles.Shape(rawValue: option("--shape") ?? "sms") ?? .sms,
                           timeout: Double(option("--timeout") ?? "") ?? 120).run()
    }
} catch {
    FileHandle.standardError.write(Data("clause-bench: \(error)\n".utf8))
    exit(2)
}
