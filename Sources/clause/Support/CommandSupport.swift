import ArgumentParser
import ClauseDocument
import ClauseRules
import ClauseValue
import Foundation

/// What several commands share beyond their options: loading packs, the snapshot's `now` as bad
/// input, writing a report, and refusing an output that would overwrite an input.
enum CommandSupport {
    /// The packs given (composed, with what they require), or the shipped one.
    static func loadPack(_ paths: [String]) throws -> Pack {
        guard let paths = paths.isEmpty ? PackLocator.defaultPack().map({ [$0] }) : paths else {
            throw Failure.badInput("the shipped pack was not found; give one with --pack")
        }
        do {
            return try PackLoader.load(paths: paths)
        } catch {
            throw Failure.badInput(error)
        }
    }

    /// The snapshot's `now` (see `EvaluationTime`); a bad `as_of` is bad input.
    static func evaluationTime(_ fixed: Timestamp?, document: Document) throws -> (Timestamp, String) {
        do {
            return try EvaluationTime.of(document, fixed: fixed)
        } catch {
            throw Failure.badInput(error)
        }
    }

    /// Writes a report to `output`, or to standard output when none is given.
    static func emit(_ text: String, to output: String?) throws {
        if let output {
            try OutputFile.write(text, to: output)
        } else {
            var stdout = StandardOutput()
            stdout.write(text)
        }
    }

    /// Refuses `--output` paths given twice or naming one of the command's input files: the
    /// report would overwrite the evidence it was made from.
    static func checkOutputs(_ outputs: [String], inputs: [String]) throws {
        func identity(_ path: String) -> String? {
            var info = stat()
            guard path != "-", stat(path, &info) == 0 else { return nil }
            return "\(info.st_dev):\(info.st_ino)"
        }
        var seen: [String: String] = [:]
        for input in inputs { if let id = identity(input) { seen[id] = input } }
        var given = Set<String>()
        for output in outputs where output != "-" {
            guard given.insert(output).inserted else { throw ValidationError("--output \(output) is given twice") }
            if let id = identity(output), let input = seen[id], !(isCharacterDevice(output)) {
                throw ValidationError("--output \(output) is the input \(input); it would be overwritten")
            }
        }
    }

    private static func isCharacterDevice(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR
    }
}
