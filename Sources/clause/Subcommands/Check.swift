import ArgumentParser
import ClauseDiagnostics
import ClauseDocument
import ClauseExpression
import ClauseReport
import ClauseRules
import ClauseValue
import Foundation

/// Evaluates a pack against snapshots and gates on the result.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate a rule pack against snapshots and report nonconformities.",
        discussion: "Exit 0 when the gate passes, 1 when nonconformities at or above --fail-on (or rule errors) are found, 2 on bad input."
    )

    @Argument(help: "Snapshot files (YAML or JSON); each document is one snapshot.")
    var snapshots: [String]

    @OptionGroup var packs: PackOptions

    @OptionGroup var asOf: AsOfOption

    @Option(name: .customLong("format"), help: ArgumentHelp("Report format (repeatable, paired in order with --output).", valueName: ReportFormat.allCases.map(\.rawValue).joined(separator: "|")))
    var formats: [ReportFormat] = []

    @Option(name: .customLong("output"), help: "Write the report of the matching --format to this file (repeatable).")
    var outputs: [String] = []

    @Option(help: "Waivers file: findings accepted until a date, with reason and approver.")
    var waivers: String?

    @Option(help: "Tailoring file: parameter values, deselected rules and clauses, severities and the organisation's own rules, each with a rationale.")
    var tailoring: String?

    @Flag(name: .customLong("allow-exclusions"), help: "Accept a tailoring that leaves a clause of ISO/IEC 20000-1 with no rule (reported as an exclusion).")
    var allowExclusions = false

    @Option(help: "A clause-results/1 JSON file: findings already in it do not fail the gate.")
    var baseline: String?

    @Option(name: .customLong("fail-on"), help: "Lowest severity that fails the gate: major, minor, observation or none.")
    var failOn: FailOn = .minor

    @Option(name: .customLong("rule"), help: "Run only this rule (repeatable).")
    var rules: [String] = []

    @Option(name: .customLong("clause"), help: "Run only rules citing this clause or its subclauses (repeatable).")
    var clauses: [String] = []

    @Option(help: "Run only rules of this audit stage: documentation or operation.")
    var stage: Stage?

    @Option(name: .customLong("key"), help: "Judge only the elements with this key (repeatable), such as one change before its deployment; a key no element has is an error.")
    var keys: [String] = []

    @Flag(help: "Unknown snapshot sections and fields are errors that fail the gate, not observations.")
    var strict = false

    @Option(help: "Time limit for the whole run in seconds (0: none); rules not done by then are errors that fail the gate.")
    var timeout: Double = 600

    @Option(name: .customLong("rule-timeout"), help: "Time limit for one rule on one snapshot in seconds (0: none); elements it leaves unjudged are an error of the rule.")
    var ruleTimeout: Double = 120

    @Option(name: .customLong("max-findings"), help: "Text and Markdown list at most this many findings per rule (default 100; 0: no limit); JSON, SARIF, JUnit and HTML list all.")
    var maxFindings = 100

    @Flag(name: .customLong("summary-only"), help: "Text and Markdown show only the summaries, no list of findings.")
    var summaryOnly = false

    func validate() throws {
        if maxFindings < 0 { throw ValidationError("--max-findings must be 0 (no limit) or more") }
        if !(timeout >= 0) { throw ValidationError("--timeout must be a number of seconds, 0 for none") }
        if !(ruleTimeout >= 0) || !ruleTimeout.isFinite { throw ValidationError("--rule-timeout must be a number of seconds, 0 for none") }
        if outputs.count > max(formats.count, 1) || max(formats.count, 1) - outputs.count > 1 {
            throw ValidationError("give one --output per --format; at most one format may go to standard output")
        }
        try CommandSupport.checkOutputs(outputs, inputs: snapshots + packs.paths + [waivers, baseline, tailoring].compactMap { $0 })
    }

    func run() throws {
        // The pack loads on the other core while the first snapshot is parsed (its digest also
        // runs beside the parse, and is done well before). Errors keep their order: the pack's
        // and the options' first, then the snapshot's.
        RunDeadline.start(seconds: timeout)
        let progress = Progress()
        defer { progress.finish() }
        progress.say("loading \(snapshots.first ?? "")")
        let loadingPack = BackgroundPack(paths: packs.paths)
        var first = snapshots.first.map { file in Result { try SnapshotEvaluation.load(file, pack: packs.paths) } }
        var pack = try loadingPack.wait()
        let shipped = pack
        var tailored: Tailoring? = nil
        if let tailoring {
            do {
                (pack, tailored) = try TailoringLoader.apply(path: tailoring, to: pack, allowExclusions: allowExclusions)
            } catch {
                throw Failure.badInput(error)
            }
        }
        let selection = RuleSelection(rules: Set(rules), clausePrefixes: clauses, stage: stage, keys: Set(keys))
        var engine = Engine(pack: pack, selection: selection)
        engine.ruleTimeLimit = ruleTimeout > 0 ? .milliseconds(Int64(min(ruleTimeout, 1e9) * 1000)) : nil
        try Self.checkSelection(rules: rules, clauses: clauses, stage: stage, keys: keys, pack: pack, engine: engine)
        let fixedNow = asOf.timestamp
        var results: [SnapshotResult] = []
        for (i, file) in snapshots.enumerated() {
            let loaded = try i == 0 ? first!.get() : SnapshotEvaluation.load(file, pack: packs.paths)
            first = nil  // not kept while the next files load
            progress.say("evaluating \(engine.rules.count) rules on \(file)")
            results += try SnapshotEvaluation.evaluate(loaded, file: file, engine: engine, fixedNow: fixedNow, strict: strict)
            loaded.discardInBackground()
        }
        // A key that no judged element has would give a gate about nothing.
        let matched = Set(results.flatMap { $0.keys ?? [] })
        if let missing = keys.first(where: { !matched.contains($0) }) {
            throw Failure.badInput("no element judged by the selected rules has key '\(TerminalText.escaped(missing, lines: false))': nothing would be checked for it")
        }
        var statuses: [WaiverStatus] = []
        if let waivers {
            do {
                let list = try WaiverLoader.load(path: waivers, knownRules: Set((pack.rules + shipped.rules).map(\.id) + BuiltinCheck.allCases.map(\.rawValue)))
                statuses = Adjudication.apply(list, to: &results)
            } catch {
                throw Failure.badInput(error)
            }
        }
        if let baseline {
            do {
                Adjudication.apply(baseline: try ResultsFile.fingerprints(path: baseline), to: &results)
            } catch {
                throw Failure.badInput(error)
            }
        }
        let report = CheckReport(toolVersion: ClauseVersion.string, pack: pack, rules: engine.rules, snapshots: results, failOn: failOn.severity,
                                 waivers: statuses, baseline: baseline, tailoring: tailored)
        progress.finish()
        let formats = self.formats.isEmpty ? [ReportFormat.text] : self.formats
        for (i, format) in formats.enumerated() {
            let destination = i < outputs.count ? outputs[i] : nil
            let colour = destination == nil && StandardOutputInfo.isTerminal
            try CommandSupport.emit(format.render(report, colour: colour, listing: Listing(summaryOnly: summaryOnly, perRule: maxFindings > 0 ? maxFindings : nil)), to: destination)
        }
        if !report.gatePassed { throw ExitCode(1) }
    }

    /// A selection that selects nothing would pass the gate having checked nothing: an unknown
    /// rule or clause, or options that leave no rule, are bad input, with a did-you-mean.
    static func checkSelection(rules: [String], clauses: [String], stage: Stage?, keys: [String] = [], pack: Pack, engine: Engine) throws {
        let ids = pack.rules.map(\.id)
        for id in rules where !ids.contains(id) {
            let hint = ids.first { $0.lowercased() == id.lowercased() } ?? Suggestion.closest(to: id, among: ids)
            throw Failure.badInput("no rule '\(id)' in pack \(pack.id)" + (hint.map { "; did you mean '\($0)'?" } ?? ""))
        }
        let numbers = pack.catalogue.map(\.number) + pack.rules.flatMap(\.clauses)
        for clause in clauses where !numbers.contains(where: { $0 == clause || $0.hasPrefix(clause + ".") }) {
            throw Failure.badInput("no clause '\(clause)' in pack \(pack.id)'s catalogue"
                                   + (Suggestion.closest(to: clause, among: numbers).map { "; did you mean '\($0)'?" } ?? ""))
        }
        if engine.rules.isEmpty {
            let asked = (rules.map { "--rule \($0)" } + clauses.map { "--clause \($0)" } + (stage.map { ["--stage \($0.rawValue)"] } ?? [])
                         + (keys.isEmpty ? [] : ["--key (rules with 'each' only)"])).joined(separator: " ")
            throw Failure.badInput("\(asked) selects no rule of pack \(pack.id): nothing would be checked")
        }
    }
}

extension ReportFormat: ExpressibleByArgument {}
