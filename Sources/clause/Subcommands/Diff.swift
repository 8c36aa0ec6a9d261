import ArgumentParser
import ClauseDiagnostics
import ClauseDocument
import ClauseReport
import ClauseRules
import ClauseValue
import Foundation

/// Compares two results (or snapshots) finding by finding, grouped by clause.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare two results or snapshots: findings introduced, resolved, persisting, changed, newly waived.",
        discussion: """
        OLD and NEW are each a clause-results/1 JSON file (from `clause check --format json`) or a snapshot, \
        evaluated with the pack as `clause check` does. --waivers applies to NEW only: the waivers in force now. \
        Exit 0 when NEW brings no nonconformity at or above --fail-on (introduced, or changed for the worse) \
        and has no rule error, 1 otherwise, 2 on bad input.
        """
    )

    @Argument(help: "The earlier results JSON or snapshot.")
    var old: String

    @Argument(help: "The later results JSON or snapshot.")
    var new: String

    @OptionGroup var packs: PackOptions

    @OptionGroup var asOf: AsOfOption

    @Option(help: "Waivers file applied to NEW: findings accepted until a date, with reason and approver.")
    var waivers: String?

    @Option(help: ArgumentHelp("Report format.", valueName: DeltaFormat.allCases.map(\.rawValue).joined(separator: "|")))
    var format: DeltaFormat = .text

    @Option(help: "Write the report to this file instead of standard output.")
    var output: String?

    @Option(name: .customLong("fail-on"), help: "Lowest severity of a new nonconformity that fails the gate: major, minor, observation or none.")
    var failOn: FailOn = .minor

    func validate() throws {
        try CommandSupport.checkOutputs(output.map { [$0] } ?? [], inputs: [old, new] + packs.paths + [waivers].compactMap { $0 })
    }

    func run() throws {
        let fixedNow = asOf.timestamp
        var loadedPack: Pack?
        // The pack is loaded only when a snapshot needs evaluating; two results files need none.
        func packLoader() throws -> Pack {
            if let loadedPack { return loadedPack }
            let pack = try packs.load()
            loadedPack = pack
            return pack
        }
        let oldReport = try Self.report(old, packPath: packs.paths, pack: packLoader, fixedNow: fixedNow, failOn: failOn)
        var newReport = try Self.report(new, packPath: packs.paths, pack: packLoader, fixedNow: fixedNow, failOn: failOn)
        if let waivers {
            do {
                let list = try WaiverLoader.load(path: waivers, knownRules: Set(newReport.rules.map(\.id)))
                newReport.waivers = Adjudication.apply(list, to: &newReport.snapshots)
            } catch {
                throw Failure.badInput(error)
            }
        }
        let delta = Delta(old: oldReport, new: newReport, failOn: failOn.severity, toolVersion: ClauseVersion.string)
        try CommandSupport.emit(format.render(delta, colour: output == nil && StandardOutputInfo.isTerminal), to: output)
        if !delta.gatePassed { throw ExitCode(1) }
    }

    /// A results file read back, or a snapshot file evaluated with the pack.
    static func report(_ path: String, packPath: [String], pack: () throws -> Pack, fixedNow: Timestamp?, failOn: FailOn) throws -> CheckReport {
        let loaded = try SnapshotEvaluation.load(path, pack: packPath)
        let documents = loaded.documents
        do {
            if let first = documents.first, let report = try ResultsFile.report(in: first) { return report }
        } catch {
            throw Failure.badInput(error)
        }
        let pack = try pack()
        let engine = Engine(pack: pack)
        let results = try SnapshotEvaluation.evaluate(loaded, file: path, engine: engine, fixedNow: fixedNow)
        return CheckReport(toolVersion: ClauseVersion.string, pack: pack, rules: engine.rules, snapshots: results, failOn: failOn.severity)
    }
}

extension DeltaFormat: ExpressibleByArgument {}
