import Foundation

/// Runs `python3 -c SCRIPT ARGS...` for the tests that need a second opinion (an XML parser, a
/// JSON Schema validator); a missing interpreter is reported, never a silent pass.
public enum Python {
    public struct Run {
        public var status: Int32
        public var output: String
    }

    public static func run(_ script: String, _ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    /// The SARIF 2.1.0 schema beside this file.
    public static let sarifSchema = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("sarif-schema-2.1.0.json").path

    /// What is wrong with a SARIF log by the 2.1.0 schema (Python's `jsonschema`), or nil when
    /// it validates. Not being able to check (no python3, no module) is a problem too.
    public static func sarifProblem(_ text: String) -> String? {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("clause-sarif-\(UUID().uuidString).sarif")
        defer { try? FileManager.default.removeItem(at: log) }
        let script = """
            import json, sys
            try:
                import jsonschema
            except ImportError:
                print("python3 has no 'jsonschema' module: install it (pip install jsonschema) to validate SARIF"); sys.exit(3)
            schema = json.load(open(sys.argv[2]))
            errors = sorted(jsonschema.validators.validator_for(schema)(schema).iter_errors(json.load(open(sys.argv[1]))), key=lambda e: list(e.path))
            for e in errors[:5]: print("/".join(map(str, e.path)) + ": " + e.message[:300])
            sys.exit(1 if errors else 0)
            """
        let result: Run
        do {
            try Data(text.utf8).write(to: log)
            result = try run(script, [log.path, sarifSchema])
        } catch {
            return "cannot run python3 to validate SARIF (is it installed?): \(error)"
        }
        switch result.status {
        case 0: return nil
        case 127: return "python3 is not installed: it is needed to validate SARIF against the schema"
        default: return "SARIF does not validate against the 2.1.0 schema:\n\(result.output)"
        }
    }
}
