import Foundation

/// Document loading against raw libyaml, on generated snapshots of the sizes asked for.
struct LoadingBenchmark {
    let sizes: [Int]
    let directory: String
    private var baseline = 0

    init(sizes: [Int], directory: String) {
        self.sizes = sizes
        self.directory = directory
    }

    mutating func run() throws {
        // The process's own footprint (runtime, Foundation) measured on a one-line file, so that
        // "loading peak" is what loading the snapshot added.
        let tiny = "\(directory)/tiny.yaml"
        guard FileManager.default.createFile(atPath: tiny, contents: Data("a: 1\n".utf8)) else { throw BenchError("cannot write \(tiny)") }
        baseline = try Measurement.inChild("load", file: tiny, repeats: 1).peakBytes
        print("Loading benchmark (best of runs; peak RSS of each job's own process)")
        print("process footprint without a snapshot: \(baseline / 1_000_000) MB; loading peak = peak RSS - footprint")
        print(pad("file", 26) + pad("MB", 8) + pad("job", 22) + pad("seconds", 10) + pad("MB/s", 9) + pad("peak MB", 9) + pad("loading peak MB", 17) + "loading peak/file")
        for size in sizes {
            let yamlPath = try generate(size: size, format: .yaml)
            let jsonPath = try generate(size: size, format: .json)
            let repeats = size >= 50 ? 2 : 3
            let raw = try report(yamlPath, job: "libyaml-events", label: "raw libyaml events", repeats: repeats)
            let yaml = try report(yamlPath, job: "load", label: "Clause YAML loader", repeats: repeats)
            let json = try report(jsonPath, job: "load", label: "Clause JSON loader", repeats: repeats)
            print("  YAML loader at \(String(format: "%.0f", raw / yaml * 100))% of the raw libyaml event rate (target >= 60%)")
            if let python = PythonBaseline.jsonLoads(jsonPath, repeats: repeats) {
                let mb = Double(FileReaderSize.of(jsonPath)) / 1e6
                print("  Python json.loads on the same file: \(String(format: "%.3f", python)) s (\(String(format: "%.1f", mb / python)) MB/s); "
                      + "Clause JSON \(String(format: "%.2f", python / json))x its speed (target > 1)")
            } else {
                print("  Python json.loads: python3 not found, baseline skipped")
            }
        }
    }

    /// Returns the job's seconds after printing its line.
    private func report(_ path: String, job: String, label: String, repeats: Int) throws -> Double {
        let figure = try Measurement.inChild(job, file: path, repeats: repeats)
        let bytes = Double((try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
        let mb = bytes / 1e6
        print(pad((path as NSString).lastPathComponent, 26) + pad(String(format: "%.1f", mb), 8) + pad(label, 22)
              + pad(String(format: "%.3f", figure.seconds), 10) + pad(String(format: "%.1f", mb / figure.seconds), 9)
              + pad(String(format: "%.0f", Double(figure.peakBytes) / 1e6), 9)
              + pad(String(format: "%.0f", Double(figure.peakBytes - baseline) / 1e6), 17)
              + String(format: "%.2f", Double(figure.peakBytes - baseline) / bytes))
        return figure.seconds
    }

    private func generate(size: Int, format: SnapshotGenerator.Format) throws -> String {
        let path = "\(directory)/snapshot-\(size)mb.\(format == .json ? "json" : "yaml")"
        if FileManager.default.fileExists(atPath: path) { return path }
        let perService = format == .json ? 4_350 : 3_450
        let bytes = SnapshotGenerator(services: max(1, size * 1_000_000 / perService)).write(format)
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { throw BenchError("cannot write \(path)") }
        return path
    }

    private func pad(_ s: String, _ width: Int) -> String { s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count) }
}

/// Python's C `json` module on the same file, timed inside Python (parse only, best of runs).
enum PythonBaseline {
    static func jsonLoads(_ path: String, repeats: Int) -> Double? {
        let script = """
        import json, sys, time
        data = open(sys.argv[1], 'rb').read()
        best = min((lambda t: (json.loads(data), time.perf_counter() - t)[1])(time.perf_counter()) for _ in range(\(repeats)))
        print(best)
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return Double(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

enum FileReaderSize {
    static func of(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? Int) ?? 0
    }
}
