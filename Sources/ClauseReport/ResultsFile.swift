import ClauseDiagnostics
import ClauseDocument
import ClauseValue
import Foundation

/// Reading back a `clause-results/1` file (`clause check --format json`): a baseline's
/// fingerprints, or one side of a diff. Anything else under a `clause-` schema, and a file that
/// does not decode, is a located error pointing at the field the decoder stopped at.
public enum ResultsFile {
    /// The report in `document`, or nil when the document is not a `clause-...` file at all (a
    /// snapshot, for a diff).
    public static func report(in document: Document) throws(DiagnosticError) -> CheckReport? {
        guard case .string(let schema)? = document.root["schema"], schema.hasPrefix("clause-") else { return nil }
        guard schema == "clause-results/1" else {
            let mark = document.root.mapValue.flatMap { map in map.position(ofString: "schema").map(map.mark(at:)) }
            throw located(document, mark, "'\(schema)' is not a schema this command reads; give a clause-results/1 file (clause check --format json)")
        }
        do {
            return try JSONReporter.decode(document.source.contents)
        } catch let error as DecodingError {
            throw decodingFailure(error, in: document)
        } catch {
            throw located(document, nil, "not a valid clause-results/1 file: \(error)")
        }
    }

    /// The fingerprints of every finding of the results file at `path` (`--baseline`).
    public static func fingerprints(path: String) throws(DiagnosticError) -> Set<String> {
        var options = LoadOptions()
        options.format = .json
        let document: Document
        do {
            document = try DocumentLoader.load(path: path, options: options)[0]
        } catch {
            throw DiagnosticError([error.diagnostic], sources: error.source.map { [path: $0] } ?? [:])
        }
        guard let report = try report(in: document) else {
            throw located(document, nil, "not a clause-results/1 file (write one with --format json)")
        }
        return Set(report.snapshots.flatMap(\.findings).map(\.fingerprint))
    }

    /// Points at the value the decoder choked on, so a hand-edited results file is easy to fix.
    static func decodingFailure(_ error: DecodingError, in document: Document) -> DiagnosticError {
        let (path, reason): ([CodingKey], String) = switch error {
        case .keyNotFound(let key, let context): (context.codingPath, "missing field '\(key.stringValue)'")
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            (context.codingPath, lowerSentence(context.debugDescription))
        @unknown default: ([], "\(error)")
        }
        var value = document.root
        var mark = document.rootMark
        for key in path {
            if let map = value.mapValue, let i = map.position(ofString: key.stringValue) {
                (value, mark) = (map.values[i], map.mark(at: i))
            } else if let list = value.listValue, let i = key.intValue, i < list.count {
                (value, mark) = (list[i], list.mark(at: i))
            } else {
                break
            }
        }
        var field = path.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
        if field.hasPrefix(".") { field.removeFirst() }
        return located(document, mark, "not a valid clause-results/1 file" + (field.isEmpty ? "" : " at '\(field)'") + ": \(reason)")
    }

    /// Foundation's sentences in the CLI's style: lower-case, no trailing period.
    static func lowerSentence(_ text: String) -> String {
        var out = text.prefix(1).lowercased() + text.dropFirst()
        while out.hasSuffix(".") { out.removeLast() }
        return out
    }

    static func located(_ document: Document, _ mark: SourceMark?, _ message: String) -> DiagnosticError {
        DiagnosticError(Diagnostic(.error, at: SourceLocation(file: document.fileName, mark: mark ?? document.rootMark), message), source: document.source)
    }
}
