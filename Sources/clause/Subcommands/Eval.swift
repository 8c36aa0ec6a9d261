import ArgumentParser
import ClauseDiagnostics
import ClauseDocument
import ClauseExpression
import ClauseValue
import ClauseRules
import Foundation

/// Evaluates one CEL expression, alone or against a snapshot: the rule author's scratchpad.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate a CEL expression, optionally against a snapshot.",
        discussion: "Each top-level key of the snapshot is a variable; `snapshot` is the whole document and `now` the evaluation time."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "The CEL expression.")
    var expression: String

    @Argument(help: "A snapshot file (YAML or JSON).")
    var snapshot: String?

    @OptionGroup var asOf: AsOfOption

    @Option(help: "Output format: text (CEL-like) or json.")
    var format: Format = .text

    func run() throws {
        var root: Value = .map(ValueMap(keys: [], values: []))
        var document: Document?
        if let snapshot {
            document = try SnapshotEvaluation.load(snapshot, pack: []).documents.first
            root = document?.root ?? root
        }
        let now: Timestamp
        if let document {
            now = try CommandSupport.evaluationTime(asOf.timestamp, document: document).0
        } else {
            now = asOf.timestamp ?? Timestamp(seconds: Int64(Date().timeIntervalSince1970))
        }
        var variables: [String: Value] = ["snapshot": root, "now": .timestamp(now)]
        if let map = root.mapValue {
            for i in 0..<map.count { if case .string(let k) = map.keys[i] { variables[k] = map.values[i] } }
        }
        let program: Program
        do {
            program = try Program.compile(expression, environment: Environment(variables: Array(variables.keys).sorted(), allowUndeclared: false))
        } catch {
            throw Failure.badInput(error)
        }
        let value: Value
        do {
            value = try program.evaluate(Activation(variables))
        } catch {
            let location = error.location ?? SourceLocation(file: "<expression>", line: 1, column: (error.offset ?? 0) + 1)
            throw Failure.badInput(DiagnosticError(Diagnostic(.error, at: location, "evaluation failed: \(error.message)"), source: SourceText(name: "<expression>", text: expression)))
        }
        var stdout = StandardOutput()
        stdout.write((format == .json ? JSONWriter.string(value) : MessageTemplate.display(value)) + "\n")
    }
}
