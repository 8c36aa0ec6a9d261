import Foundation
import Testing

/// Where reports go, and what happens when they cannot: a CI gate must never pass on a report
/// that was not written. (Devices are exercised through a FIFO and a redirected standard
/// output, never by naming /dev files as --output: these tests run as root in CI.)
@Suite struct OutputTests {
    static let sample = "samples/acme-2026-q2.yaml"

    @Test func aFullStandardOutputIsExitTwoWithTheReason() throws {
        let process = Process()
        process.executableURL = CLIRunner.binary
        process.arguments = ["check", Self.sample]
        process.currentDirectoryURL = CLIRunner.packageRoot
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        process.standardOutput = full
        let err = Pipe()
        process.standardError = err
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(message.contains("error: cannot write standard output: No space left on device"), "\(message)")
    }

    @Test func dashIsStandardOutput() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let run = try CLIRunner.run(["check", CLIRunner.packageRoot.appendingPathComponent(Self.sample).path, "--format", "json", "--output", "-"], in: dir)
        #expect(run.status == 1)
        #expect(run.stdout.hasPrefix("{"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("-").path))
    }

    @Test func aFIFOIsWrittenInPlaceAndStaysAFIFO() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let fifo = dir.appendingPathComponent("report.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        nonisolated(unsafe) var received = Data()
        let reader = Thread {
            if let handle = FileHandle(forReadingAtPath: fifo) { received = handle.readDataToEndOfFile() }
        }
        reader.start()
        let run = try CLIRunner.run(["check", Self.sample, "--format", "json", "--output", fifo])
        while reader.isExecuting || !reader.isFinished { Thread.sleep(forTimeInterval: 0.01) }
        #expect(run.status == 1, "\(run.stderr)")
        #expect(String(decoding: received, as: UTF8.self).hasPrefix("{"))
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO, "the FIFO was replaced")
    }

    @Test func anExistingReportKeepsItsModeAndNoTemporaryFileIsLeft() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let report = dir.appendingPathComponent("report.txt").path
        #expect(FileManager.default.createFile(atPath: report, contents: Data("old".utf8), attributes: [.posixPermissions: 0o640]))
        let run = try CLIRunner.run(["check", Self.sample, "--output", report])
        #expect(run.status == 1)
        #expect(try String(contentsOfFile: report, encoding: .utf8).hasPrefix("ISO/IEC 20000-1"))
        #expect((try FileManager.default.attributesOfItem(atPath: report)[.posixPermissions] as? Int) == 0o640)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["report.txt"])
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var message: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let refusals: [Refusal] = [
        Refusal(arguments: ["--output", "/nonexistent-folder/report.txt"], message: "cannot write /nonexistent-folder/report.txt: No such file or directory"),
        Refusal(arguments: ["--output", "/tmp"], message: "cannot write /tmp: Is a directory"),
        Refusal(arguments: ["--format", "json", "--format", "text", "--output", "/tmp/clause-twice", "--output", "/tmp/clause-twice"], message: "--output /tmp/clause-twice is given twice"),
        Refusal(arguments: ["--output", sample], message: "--output \(sample) is the input \(sample); it would be overwritten"),
    ]

    @Test(arguments: refusals) func outputsThatCannotOrMustNotBeWrittenAreExitTwo(_ r: Refusal) throws {
        let before = try Data(contentsOf: CLIRunner.packageRoot.appendingPathComponent(Self.sample))
        let run = try CLIRunner.run(["check", Self.sample] + r.arguments)
        #expect(run.status == 2)
        #expect(run.stderr.contains(r.message), "\(run.stderr)")
        #expect(try Data(contentsOf: CLIRunner.packageRoot.appendingPathComponent(Self.sample)) == before)
    }

    /// Bad usage is exit 2 in every subcommand, as the README and --help say (not 64).
    @Test(arguments: ["check", "snapshot", "diff", "test", "lint", "explain", "clauses", "eval", "dump"])
    func badUsageIsExitTwo(_ subcommand: String) throws {
        let run = try CLIRunner.run([subcommand, "--no-such-option"])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("Unknown option '--no-such-option'") || run.stderr.contains("Error:"), "\(run.stderr)")
    }
}
