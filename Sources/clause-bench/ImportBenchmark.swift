import ClauseDocument
import ClauseValue
import Foundation

/// `clause check` on a manifest that imports a large ServiceNow-like incident CSV export,
/// against Python's `csv` module only reading the same file: both as whole commands in child
/// processes, timed and measured (peak RSS) by `/usr/bin/time`, best of `repeats` runs.
///
/// The other sections come from the compliant sample (as a hand-kept include), so the check is
/// the real one; `--clause 8.6.1` runs the incident rules on every imported record.
struct ImportBenchmark {
    let rows: Int
    let directory: String
    let pack: String
    var repeats = 2

    func run() throws {
        let csv = try writeExport()
        let manifest = try writeManifest(csv: csv)
        let mb = Double((try FileManager.default.attributesOfItem(atPath: csv)[.size] as? Int) ?? 0) / 1e6
        let clause = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("clause").path
        print("Import benchmark: \(rows) incident rows, \((csv as NSString).lastPathComponent), \(String(format: "%.1f", mb)) MB; best of \(repeats); peak RSS from /usr/bin/time")
        let python = try best(["python3", "-c", "import csv,sys\nn=0\nfor r in csv.reader(open(sys.argv[1], newline='', encoding='utf-8')): n+=1\nprint(n)", csv])
        let check = try best([clause, "check", manifest, "--pack", pack, "--clause", "8.6.1", "--format", "json", "--output", "/dev/null"], allowedStatus: [0, 1])
        print("  python3 csv.reader, read only      \(String(format: "%7.3f", python.seconds)) s  \(String(format: "%6.0f", python.peakMB)) MB")
        print("  clause check MANIFEST --clause 8.6.1 \(String(format: "%5.3f", check.seconds)) s  \(String(format: "%6.0f", check.peakMB)) MB")
        print("  ratio \(String(format: "%.2f", check.seconds / python.seconds))x Python's read (target < 3x); peak \(String(format: "%.2f", check.peakMB / mb))x the file (target < 3x)")
    }

    private func best(_ command: [String], allowedStatus: Set<Int32> = [0]) throws -> (seconds: Double, peakMB: Double) {
        var out: (seconds: Double, peakMB: Double) = (.infinity, 0)
        for _ in 0..<repeats {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/time")
            process.arguments = ["-f", "%e %M"] + command
            let err = Pipe()
            process.standardError = err
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let data = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let last = String(decoding: data, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
            let parts = last.split(separator: " ")
            guard parts.count == 2, let s = Double(parts[0]), let kb = Double(parts[1]) else {
                throw BenchError("\(command.joined(separator: " ")): exit \(process.terminationStatus): \(String(decoding: data, as: UTF8.self).suffix(400))")
            }
            // /usr/bin/time exits with the command's status.
            guard allowedStatus.contains(process.terminationStatus) else {
                throw BenchError("\(command.joined(separator: " ")) exited \(process.terminationStatus): \(String(decoding: data, as: UTF8.self).suffix(400))")
            }
            if s < out.seconds { out.seconds = s }
            out.peakMB = max(out.peakMB, kb * 1024 / 1e6)
        }
        return out
    }

    static let services = ["Managed email", "Service desk", "Cloud backup"]
    static let priorities = ["1 - Critical", "2 - High", "3 - Moderate", "4 - Low"]
    static let targets = [4, 8, 24, 72]

    /// A ServiceNow incident list export: quoted text with commas, local times, one row each.
    private func writeExport() throws -> String {
        let path = (directory as NSString).appendingPathComponent("incidents-\(rows).csv")
        if FileManager.default.fileExists(atPath: path) { return path }
        var out = "number,short_description,priority,state,opened_at,resolved_at,business_service,assignment_group,category,u_target_hours,escalation,sys_updated_on,caller_id\r\n"
        let start: Int64 = 1_751_328_000  // 2025-07-01
        let span: Int64 = 360 * 86_400
        var bytes: [UInt8] = []
        bytes.reserveCapacity(rows * 250)
        bytes += Array(out.utf8)
        for i in 0..<rows {
            let p = i % 10 == 0 ? (i % 20 == 0 ? 1 : 0) : 2 + i % 2
            let opened = start + Int64(i) * span / Int64(max(rows, 1))
            let resolved = opened + Int64(Self.targets[p]) * 1800
            out = "INC\(String(format: "%07d", i)),\"Cannot reach \(Self.services[i % 3].lowercased()), user reports \(i % 7) errors\","
                + "\(Self.priorities[p]),Closed,\(Self.local(opened)),\(Self.local(resolved)),\(Self.services[i % 3]),Service Desk L\(1 + i % 2),"
                + "Software,\(Self.targets[p]),Normal,\(Self.local(resolved + 600)),user\(i % 5000)@example.com\r\n"
            bytes += Array(out.utf8)
        }
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { throw BenchError("cannot write \(path)") }
        return path
    }

    private static func local(_ seconds: Int64) -> String {
        let t = Timestamp(seconds: seconds).rfc3339  // 2025-07-01T10:00:00Z
        return String(t.prefix(10)) + " " + String(t.dropFirst(11).prefix(8))
    }

    private func writeManifest(csv: String) throws -> String {
        // The compliant sample without its incidents, as the hand-kept part.
        guard let compliant = try DocumentLoader.load(path: "samples/compliant/snapshot.yaml").first?.root.mapValue else {
            throw BenchError("samples/compliant/snapshot.yaml not found (run from the repository root)")
        }
        let kept = (0..<compliant.count).filter { !["incidents", "as_of", "sources"].contains(compliant.key(at: $0).stringValue ?? "") }
        let rest = Value.map(ValueMap(keys: kept.map(compliant.key(at:)), values: kept.map(compliant.value(at:))))
        try JSONWriter.string(rest).write(toFile: (directory as NSString).appendingPathComponent("import-rest.json"), atomically: true, encoding: .utf8)
        let manifest = """
        manifest: clause-snapshot/1
        as_of: 2026-06-30
        include: [import-rest.json]
        sections:
          incidents:
            from: \((csv as NSString).lastPathComponent)
            system: ServiceNow
            filter: row.state != 'Canceled'
            map:
              id: row.number
              service: row.business_service
              priority: row.priority
              opened: parseTime(row.opened_at, 'yyyy-MM-dd HH:mm:ss', 'UTC')
              resolved: parseTime(row.resolved_at, 'yyyy-MM-dd HH:mm:ss', 'UTC')
              target_hours: int(row.u_target_hours)
              escalated: row.escalation != 'Normal'
            values:
              service: {Managed email: SVC-MAIL, Service desk: SVC-DESK, Cloud backup: SVC-BKP}
              priority: {"1 - Critical": P1, "2 - High": P2, "3 - Moderate": P3, "4 - Low": P4}

        """
        let path = (directory as NSString).appendingPathComponent("import-manifest-\(rows).yaml")
        try manifest.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
