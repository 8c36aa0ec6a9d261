import Foundation

// clause-bench: generates snapshots and measures Clause against baselines in the same run.
//   clause-bench [--sizes 10,100] [--dir DIR]     the loading benchmark
//   clause-bench measure JOB FILE                 (internal) one job in a child process

let arguments = Array(CommandLine.arguments.dropFirst())

func option(_ name: String) -> String? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
    return arguments[i + 1]
}

do {
    if arguments.first == "measure", arguments.count == 3 {
        try Measurement.runJob(arguments[1], file: arguments[2])
        exit(0)
    }
    let sizes = (option("--sizes") ?? "10,100").split(separator: ",").compactMap { Int($0) }
    let dir = option("--dir") ?? NSTemporaryDirectory() + "clause-bench"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try LoadingBenchmark(sizes: sizes, directory: dir).run()
} catch {
    FileHandle.standardError.write(Data("clause-bench: \(error)\n".utf8))
    exit(2)
}
