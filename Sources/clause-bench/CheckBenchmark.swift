import Foundation

/// The whole check (pack load, snapshot load, digest, every rule evaluated) against a raw
/// libyaml parse of the same YAML file, each in a child process of its own. The file is a
/// realistic SMS snapshot (`SMSSnapshotGenerator`, `sms-<size>mb.yaml`) unless `shape` is
/// `.peer` (the gen.py shape, `snapshot-<size>mb.yaml`). Measured twice: the full pack, and the
/// pack without the rules in `without` (when given), to show the rest of the check.
struct CheckBenchmark {
    let sizes: [Int]
    let directory: String
    let pack: String
    var without = ""
    var shape = SnapshotFiles.Shape.sms
    /// A run still going after this many seconds is stopped and reported as such.
    var timeout = 120.0

    func run() throws {
        print("Check benchmark: pack \(pack), best of runs; peak RSS of the measuring process; runs stopped after \(Int(timeout)) s")
        print(pad("file", 22) + pad("MB", 7) + pad("job", 36) + pad("seconds", 9) + pad("MB/s", 7) + pad("peak MB", 9) + "x raw libyaml")
        for size in sizes {
            let path = try SnapshotFiles.path(size: size, format: .yaml, shape: shape, directory: directory)
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

/// Generated snapshots shared by the benchmarks, written once: `DIR/snapshot-<size>mb.<yaml|json>`
/// (gen.py shape) and `DIR/sms-<size>mb.<yaml|json>` (realistic SMS snapshot).
enum SnapshotFiles {
    enum Shape: String {
        /// `SnapshotGenerator`: services, incidents, changes and suppliers, as gen.py writes them.
        case peer
        /// `SMSSnapshotGenerator`: every section of docs/snapshot.md, mostly compliant.
        case sms
    }

    static func path(size: Int, format: SnapshotGenerator.Format, shape: Shape = .peer, directory: String) throws -> String {
        let name = shape == .sms ? "sms" : "snapshot"
        let path = "\(directory)/\(name)-\(size)mb.\(format == .json ? "json" : "yaml")"
        if FileManager.default.fileExists(atPath: path) { return path }
        let bytes = generate(size: size, format: format, shape: shape)
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { throw BenchError("cannot write \(path)") }
        return path
    }

    /// A snapshot of about `size` MB.
    static func generate(size: Int, format: SnapshotGenerator.Format, shape: Shape) -> [UInt8] {
        switch shape {
        case .peer:
            let perService = format == .json ? 4_350 : 3_450
            return SnapshotGenerator(services: max(1, size * 1_000_000 / perService)).write(format)
        case .sms:
            // Calibrated on a small organisation: bytes per service beyond the fixed part.
            let small = SMSSnapshotGenerator(services: 200).write(format).count
            let large = SMSSnapshotGenerator(services: 400).write(format).count
            let perService = Double(large - small) / 200
            let services = Int((Double(size * 1_000_000) - Double(small) + 200 * perService) / perService)
            return SMSSnapshotGenerator(services: max(10, services)).write(format)
        }
    }
}
