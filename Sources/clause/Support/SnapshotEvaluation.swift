import ClauseDiagnostics
import ClauseDocument
import ClauseRules
import ClauseValue

/// Loading and evaluating snapshot files, shared by `check` and `diff`.
enum SnapshotEvaluation {
    /// A loaded snapshot file and the sha256 of its bytes.
    struct Loaded {
        var documents: [Document]
        var sha256: String
    }

    /// Every document of a snapshot file, hashed on the other core while it is parsed; a file
    /// that does not load is bad input.
    static func load(_ file: String) throws -> Loaded {
        let hashing = BackgroundDigest(path: file)
        do {
            let documents = try DocumentLoader.load(path: file)
            return Loaded(documents: documents, sha256: hashing.wait() ?? "")
        } catch {
            throw Failure.badInput(error)
        }
    }

    /// Evaluates each document of `file` (already loaded) with `engine`, at `fixedNow` when given
    /// (`--as-of`), else at the document's `as_of`, else now.
    static func evaluate(_ loaded: Loaded, file: String, engine: Engine, fixedNow: Timestamp?, strict: Bool = false) throws -> [SnapshotResult] {
        let digest = loaded.sha256
        var results: [SnapshotResult] = []
        for document in loaded.documents {
            guard document.root.mapValue != nil else {
                throw Failure.badInput(DiagnosticError(Diagnostic(.error, at: SourceLocation(file: file, mark: document.rootMark), "a snapshot must be a mapping of sections"), source: document.source))
            }
            let (now, source) = try Check.evaluationTime(fixedNow, document: document)
            results.append(engine.evaluate(document, now: now, asOfSource: source, sha256: digest, strict: strict))
        }
        return results
    }
}
