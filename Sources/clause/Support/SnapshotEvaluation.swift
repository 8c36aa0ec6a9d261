import ClauseDiagnostics
import ClauseDocument
import Foundation
import ClauseImport
import ClauseRules
import ClauseValue

/// Loading and evaluating snapshot files, shared by `check` and `diff`.
enum SnapshotEvaluation {
    /// A loaded snapshot file and the sha256 of its bytes.
    struct Loaded {
        var documents: [Document]
        var sha256: String

        /// Drops the documents on another thread: freeing a million records one by one takes
        /// most of a second, which the report being written meanwhile need not wait for.
        consuming func discardInBackground() {
            let documents = self.documents
            self.documents = []
            DispatchQueue.global(qos: .utility).async { withExtendedLifetime(documents) {} }
        }
    }

    /// Every document of a snapshot file, hashed on the other core while it is parsed; a file
    /// that does not load is bad input. A snapshot manifest is assembled from its exports, with
    /// presets from the pack at `pack` (or the shipped one).
    static func load(_ file: String, pack: [String]) throws -> Loaded {
        let hashing = BackgroundDigest(path: file)
        let documents: [Document]
        do {
            documents = try DocumentLoader.load(path: file)
        } catch {
            throw Failure.badInput(error)
        }
        guard documents.count == 1, ManifestLoader.isManifest(documents[0]) else {
            return Loaded(documents: documents, sha256: hashing.wait() ?? "")
        }
        return Loaded(documents: [try assemble(documents[0], pack: pack).document], sha256: hashing.wait() ?? "")
    }

    /// The snapshot a manifest describes; its problems are bad input.
    static func assemble(_ manifest: Document, pack: [String]) throws -> AssembledSnapshot {
        do {
            return try SnapshotAssembler.assemble(ManifestLoader.load(manifest, presets: presetsFolder(pack: pack)))
        } catch {
            throw Failure.badInput(error)
        }
    }

    /// The `presets` folder beside the `pack.yaml` of the first given pack that has one (an
    /// extension pack usually has none: then its required pack's, when that is the shipped one).
    static func presetsFolder(pack: [String]) -> String? {
        let candidates = pack + (PackLocator.defaultPack().map { [$0] } ?? [])
        let folders = candidates.map { path -> String in
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let folder = isDirectory.boolValue ? path : (path as NSString).deletingLastPathComponent
            return (folder as NSString).appendingPathComponent("presets")
        }
        return folders.first { FileManager.default.fileExists(atPath: $0) } ?? folders.first
    }

    /// Evaluates each document of `file` (already loaded) with `engine`, at `fixedNow` when given
    /// (`--as-of`), else at the document's `as_of`, else now.
    static func evaluate(_ loaded: Loaded, file: String, engine: Engine, fixedNow: Timestamp?, strict: Bool = false) throws -> [SnapshotResult] {
        let digest = loaded.sha256
        var results: [SnapshotResult] = []
        for document in loaded.documents {
            do {
                results.append(try engine.check(document, asOf: fixedNow, sha256: digest, strict: strict))
            } catch {
                throw Failure.badInput(error)
            }
        }
        return results
    }
}
