import ClauseDiagnostics
import ClauseDocument
import ClauseValue
import Foundation

extension PackLoader {
    static let requiresFields = ["path", "version"]

    /// `requires:`, the packs this one extends: `[{path: ../iso20000-1, version: ">=2.0.0 <3"}]`.
    /// The path is relative to this pack's folder and may leave it (packs sit side by side), but
    /// not be absolute, and must be a folder holding a `pack.yaml`: a pack from a pull request
    /// cannot make Clause read and quote an arbitrary file. A version outside the constraint, a
    /// cycle, or a required pack that does not load is a located error here.
    static func readRequires(_ header: inout FieldReader, folder: String, packPath: String, loaded: inout [String: [Pack]], chain: [String],
                             diagnostics: inout [Diagnostic], sources: inout [String: SourceText]) -> [Pack] {
        guard let (value, mark) = header.raw("requires", required: false) else { return [] }
        guard case .list(let list) = value else {
            header.error(at: mark, "'requires' must be a list of {path, version}")
            return []
        }
        let here = PackComposer.canonical(packPath)
        var required: [Pack] = []
        for i in 0..<list.count {
            var entry = FieldReader(list[i], mark: list.mark(at: i), source: header.source, what: "a 'requires' entry", diagnostics: &diagnostics)
            defer { diagnostics += entry.diagnostics }
            let name = entry.string("path", required: true)
            let constraintText = entry.string("version", required: true)
            let pathAt = entry.map.position(ofString: "path").map { entry.map.mark(at: $0) } ?? entry.mark
            let versionAt = entry.map.position(ofString: "version").map { entry.map.mark(at: $0) } ?? entry.mark
            entry.finish(allowed: requiresFields)
            guard let name, let constraintText else { continue }
            var constraint: VersionConstraint? = nil
            switch VersionConstraint.parse(constraintText) {
            case .success(let c): constraint = c
            case .failure(let problem): entry.error(at: versionAt, problem.message)
            }
            guard !name.hasPrefix("/") else {
                entry.error(at: pathAt, "required pack '\(name)' must be a path relative to this pack's folder")
                continue
            }
            let target = (folder as NSString).appendingPathComponent(name)
            let canonical = PackComposer.canonical(target)
            var isDirectory: ObjCBool = false
            let manifest = (canonical as NSString).appendingPathComponent("pack.yaml")
            guard FileManager.default.fileExists(atPath: canonical, isDirectory: &isDirectory), isDirectory.boolValue,
                  FileReader.size(manifest) != nil else {
                entry.error(at: pathAt, "required pack '\(name)' is not a folder holding a pack.yaml")
                continue
            }
            guard canonical != here, !chain.contains(canonical) else {
                entry.error(at: pathAt, "required pack '\(name)' requires this pack in turn: packs cannot require each other in a cycle")
                continue
            }
            do {
                let units = try units(path: target, loaded: &loaded, chain: chain + [here])
                guard let pack = units.last else { continue }
                if let constraint {
                    if let version = PackVersion(pack.version) {
                        if !constraint.admits(version) {
                            entry.error(at: versionAt, "required pack '\(pack.id)' at '\(name)' is version \(pack.version), outside '\(constraint)'")
                        }
                    } else {
                        entry.error(at: versionAt, "required pack '\(pack.id)' at '\(name)' has version '\(pack.version)', which is not MAJOR.MINOR.PATCH")
                    }
                }
                required += units
            } catch {
                entry.error(at: pathAt, "required pack '\(name)' does not load (its errors follow)")
                diagnostics += error.diagnostics
                sources.merge(error.sources) { a, _ in a }
            }
        }
        return required
    }
}
