import CYAML
import ClauseDocument
import Foundation

/// One timed job, run in a child process of its own so that its peak memory is its own.
enum Measurement {
    struct Figure {
        var seconds: Double
        var peakBytes: Int
    }

    /// Runs `clause-bench measure JOB FILE` in a child and reads back `seconds peak-bytes`.
    static func inChild(_ job: String, file: String, repeats: Int) throws -> Figure {
        var best: Figure?
        for _ in 0..<repeats {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
            process.arguments = ["measure", job, file]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let parts = String(decoding: data, as: UTF8.self).split(separator: " ")
            guard process.terminationStatus == 0, parts.count == 2, let s = Double(parts[0]), let m = Int(parts[1].trimmingCharacters(in: .whitespacesAndNewlines)) else {
                throw BenchError("job \(job) on \(file) failed: \(String(decoding: data, as: UTF8.self))")
            }
            if s < (best?.seconds ?? .infinity) { best = Figure(seconds: s, peakBytes: max(best?.peakBytes ?? 0, m)) }
        }
        return best ?? Figure(seconds: 0, peakBytes: 0)
    }

    /// The child side: runs one job and prints its time and the process's peak RSS.
    static func runJob(_ job: String, file: String) throws {
        let clock = ContinuousClock()
        let start = clock.now
        // What a job built is kept until the clock has stopped: freeing is not loading.
        var kept: [Document] = []
        switch job {
        case "libyaml-events":
            guard try rawLibyamlEvents(file) > 0 else { throw BenchError("libyaml failed on \(file)") }
        case "load":
            kept = try DocumentLoader.load(path: file)
        default:
            throw BenchError("unknown job \(job)")
        }
        let elapsed = clock.now - start
        withExtendedLifetime(kept) {}
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("\(seconds) \(peakRSS())")
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
