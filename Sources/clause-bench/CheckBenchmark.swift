import Foundation

/// The whole check (pack load, snapshot load, digest, every rule evaluated) against a raw
/// libyaml parse of the same YAML file, each in a child process of its own. Measured twice:
/// the full pack, and the pack without the rules in `without` (rules whose cost grows with the
/// product of two sections, so that the rest of the check shows).
struct CheckBenchmark {
    let sizes: [Int]
    let directory: String
    let pack: String
    var without = ""
    /// A run still going after this many seconds is stopped and reported as such.
    var timeout = 120.0

    func run() throws {
        print("Check benchmark: pack \(pack), best of runs; peak RSS of the measuring process; runs stopped after \(Int(timeout)) s")
        print(pad("file", 22) + pad("MB", 7) + pad("job", 36) + pad("seconds", 9) + pad("MB/s", 7) + pad("peak MB", 9) + "x raw libyaml")
        for size in sizes {
            let path = try SnapshotFiles.path(size: size, format: .yaml, directory: directory)
            let mb = Double((try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0) / 1e6
            let repeats = size >= 50 ? 2 : 3
            var raw = 0.0
            var jobs: [(job: String, label: String, extra: [String])] = [
                ("libyaml-events", "raw libyaml events", []),
                ("load", "Clause YAML loader (load only)", []),
                ("check", "clause check, full pack", [pack]),
            ]
            if !without.isEmpty { jobs.append(("check", "clause check without \(without)", [pack, without])) }
            for (job, label, extra) in jobs {
                let line = pad((path as NSString).lastPathComponent, 22) + pad(String(format: "%.1f", mb), 7) + pad(label, 36)
                guard let figure = try Measurement.inChild(job, file: path, repeats: repeats, extra: extra, timeout: timeout) else {
                    print(line + "> \(Int(timeout)) s: stopped")
                    continue
                }
                if job == "libyaml-events" { raw = figure.seconds }
                print(line + pad(String(format: "%.3f", figure.seconds), 9) + pad(String(format: "%.1f", mb / figure.seconds), 7)
                      + pad(String(format: "%.0f", Double(figure.peakBytes) / 1e6), 9) + String(format: "%.2f", figure.seconds / raw))
                if job == "check" { print("  \(Measurement.lastNote)") }
            }
        }
        print("  target: clause check <= 2x raw libyaml")
    }

    private func pad(_ s: String, _ width: Int) -> String { s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count) }
}

/// Generated snapshots shared by the benchmarks: `DIR/snapshot-<size>mb.<yaml|json>`, written once.
enum SnapshotFiles {
    static func path(size: Int, format: SnapshotGenerator.Format, directory: String) throws -> String {
        let path = "\(directory)/snapshot-\(size)mb.\(format == .json ? "json" : "yaml")"
        if FileManager.default.fileExists(atPath: path) { return path }
        let perService = format == .json ? 4_350 : 3_450
        let bytes = SnapshotGenerator(services: max(1, size * 1_000_000 / perService)).write(format)
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { throw BenchError("cannot write \(path)") }
        return path
    }
}
