import Foundation

/// Document loading against raw libyaml, on generated snapshots of the sizes asked for.
struct LoadingBenchmark {
    let sizes: [Int]
    let directory: String

    func run() throws {
        print("Loading benchmark (best of runs; peak RSS of the loading process)")
        print(pad("file", 26) + pad("MB", 8) + pad("job", 22) + pad("seconds", 10) + pad("MB/s", 9) + pad("peak MB", 9) + "peak/file")
        for size in sizes {
            let yamlPath = try generate(size: size, format: .yaml)
            let jsonPath = try generate(size: size, format: .json)
            let repeats = size >= 50 ? 2 : 3
            let raw = try report(yamlPath, job: "libyaml-events", label: "raw libyaml events", repeats: repeats)
            let yaml = try report(yamlPath, job: "load", label: "Clause YAML loader", repeats: repeats)
            _ = try report(jsonPath, job: "load", label: "Clause JSON loader", repeats: repeats)
            print("  YAML loader at \(String(format: "%.0f", raw / yaml * 100))% of the raw libyaml event rate (target >= 60%)")
        }
    }

    /// Returns the job's seconds after printing its line.
    private func report(_ path: String, job: String, label: String, repeats: Int) throws -> Double {
        let figure = try Measurement.inChild(job, file: path, repeats: repeats)
        let bytes = Double((try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
        let mb = bytes / 1e6
        print(pad((path as NSString).lastPathComponent, 26) + pad(String(format: "%.1f", mb), 8) + pad(label, 22)
              + pad(String(format: "%.3f", figure.seconds), 10) + pad(String(format: "%.1f", mb / figure.seconds), 9)
              + pad(String(format: "%.0f", Double(figure.peakBytes) / 1e6), 9) + String(format: "%.2f", Double(figure.peakBytes) / bytes))
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
