import CYAML
import ClauseDigest
import ClauseDocument
import ClauseRules
import ClauseValue
import Foundation

/// One timed job, run in a child process of its own so that its peak memory is its own.
enum Measurement {
    struct Figure {
        var seconds: Double
        var peakBytes: Int
    }

    /// What the last child wrote to standard error (the `check` job's finding count).
    nonisolated(unsafe) static var lastNote = ""

    /// Runs `clause-bench measure JOB FILE` in a child and reads back `seconds peak-bytes`.
    static func inChild(_ job: String, file: String, repeats: Int, extra: [String] = []) throws -> Figure {
        try inChild(job, file: file, repeats: repeats, extra: extra, timeout: .infinity) ?? Figure(seconds: 0, peakBytes: 0)
    }

    /// The same; a child still running after `timeout` seconds is stopped and the figure is nil.
    static func inChild(_ job: String, file: String, repeats: Int, extra: [String] = [], timeout: Double) throws -> Figure? {
        var best: Figure?
        for _ in 0..<repeats {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
            process.arguments = ["measure", job, file] + extra
            let pipe = Pipe()
            let errorPipe = Pipe()
            process.standardOutput = pipe
            process.standardError = errorPipe
            try process.run()
            let deadline = DispatchWorkItem { if process.isRunning { process.terminate() } }
            if timeout.isFinite { DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: deadline) }
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            let note = errorPipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            deadline.cancel()
            if process.terminationReason == .uncaughtSignal { return nil }
            lastNote = String(decoding: note, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            let parts = String(decoding: data, as: UTF8.self).split(separator: " ")
            guard process.terminationStatus == 0, parts.count == 2, let s = Double(parts[0]), let m = Int(parts[1].trimmingCharacters(in: .whitespacesAndNewlines)) else {
                throw BenchError("job \(job) on \(file) failed: \(String(decoding: data, as: UTF8.self)) \(lastNote)")
            }
            if s < (best?.seconds ?? .infinity) { best = Figure(seconds: s, peakBytes: max(best?.peakBytes ?? 0, m)) }
        }
        return best ?? Figure(seconds: 0, peakBytes: 0)
    }

    /// The child side: runs one job and prints its time and the process's peak RSS.
    /// `check` loads the pack at `pack` (default: the shipped one, from the current folder) and
    /// runs all its rules but those in `without`.
    static func runJob(_ job: String, file: String, pack: String? = nil, without: Set<String> = []) throws {
        let clock = ContinuousClock()
        let start = clock.now
        // What a job built is kept until the clock has stopped: freeing is not loading.
        var kept: [Document] = []
        var results: [SnapshotResult] = []
        switch job {
        case "libyaml-events":
            guard try rawLibyamlEvents(file) > 0 else { throw BenchError("libyaml failed on \(file)") }
        case "load":
            kept = try DocumentLoader.load(path: file)
        case "sha256":
            // The digest `clause check` records, over the file's bytes (read before the clock).
            // What the digest of `clause check` costs on one core (it runs beside the load).
            let digestStart = clock.now
            let digest = FileDigest.sha256(path: file) ?? "unreadable"
            let took = clock.now - digestStart
            FileHandle.standardError.write(Data("\(digest)\n".utf8))
            print("\(Double(took.components.seconds) + Double(took.components.attoseconds) / 1e18) \(peakRSS())")
            return
        case "check":
            (kept, results) = try check(file, pack: pack ?? "rules/iso20000-1", without: without)
        default:
            throw BenchError("unknown job \(job)")
        }
        let elapsed = clock.now - start
        withExtendedLifetime(kept) {}
        withExtendedLifetime(results) {}
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("\(seconds) \(peakRSS())")
    }

    /// What `clause check` does before reporting: load the pack, load the snapshot, digest it,
    /// evaluate every rule on every document at the snapshot's `as_of`.
    static func check(_ file: String, pack path: String, without: Set<String> = []) throws -> ([Document], [SnapshotResult]) {
        let clock = ContinuousClock()
        var phases: [(String, Duration)] = []
        var mark = clock.now
        func lap(_ name: String) { let t = clock.now; phases.append((name, t - mark)); mark = t }
        // As `clause check` does (Check.run, SnapshotEvaluation.load): the pack is loaded and
        // the file hashed on the other core while the file is parsed; "pack and sha256 wait" is
        // what they add after the parse.
        let hashed = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var digest: String?
        nonisolated(unsafe) var loadedPack: Result<Pack, any Error>?
        DispatchQueue.global().async {
            loadedPack = Result { try PackLoader.load(path: path) }
            hashed.signal()
        }
        DispatchQueue.global().async {
            digest = FileDigest.sha256(path: file)
            hashed.signal()
        }
        let documents = try DocumentLoader.load(path: file)
        lap("snapshot load")
        hashed.wait()
        hashed.wait()
        guard let digest else { throw BenchError("cannot hash \(file)") }
        let pack = try loadedPack!.get()
        let engine = without.isEmpty ? Engine(pack: pack)
            : Engine(pack: pack, selection: RuleSelection(rules: Set(pack.rules.map(\.id)).subtracting(without)))
        lap("pack and sha256 wait")
        var results: [SnapshotResult] = []
        for document in documents {
            results.append(try engine.check(document, sha256: digest))
        }
        lap("evaluate")
        let findings = results.reduce(0) { $0 + $1.findings.count }
        let errors = results.reduce(0) { $0 + $1.rules.reduce(0) { $0 + $1.error } }
        let times = phases.map { "\($0.0) \(String(format: "%.3f", Double($0.1.components.attoseconds) / 1e18 + Double($0.1.components.seconds))) s" }
        FileHandle.standardError.write(Data("\(engine.rules.count) rules, \(findings) findings, \(errors) rule errors; \(times.joined(separator: ", "))\n".utf8))
        return (documents, results)
    }

    /// libyaml's parser alone: every event produced and freed, no value built.
    static func rawLibyamlEvents(_ file: String) throws -> Int {
        guard let data = FileManager.default.contents(atPath: file) else { throw BenchError("cannot read \(file)") }
        let bytes = [UInt8](data)
        var parser = yaml_parser_t()
        yaml_parser_initialize(&parser)
        defer { yaml_parser_delete(&parser) }
        return bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            var count = 0
            while yaml_parser_parse(&parser, &event) != 0 {
                count += 1
                let done = event.type == YAML_STREAM_END_EVENT
                yaml_event_delete(&event)
                if done { return count }
            }
            return -1
        }
    }

    static func peakRSS() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss * 1024
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
