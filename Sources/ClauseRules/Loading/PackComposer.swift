import ClauseDiagnostics
import Foundation

/// Joins packs into one (`clause check --pack A --pack B`, or a pack and what it `requires:`).
///
/// The parts are single packs, required ones before those requiring them. A pack reached twice
/// (required by two others, or also given on the command line) counts once; the same id from
/// two different folders is an error, as is anything two packs would both define: a rule id,
/// a parameter or `let` name (rules read those by name), or a snapshot schema (a snapshot is
/// validated against one). Catalogues are merged, the first pack's title of a clause kept.
enum PackComposer {
    static func compose(_ parts: [Pack], asked: [Pack]) throws(DiagnosticError) -> Pack {
        var diagnostics: [Diagnostic] = []
        var kept: [Pack] = []
        for part in parts {
            if let same = kept.first(where: { $0.id == part.id }) {
                if canonical(same.path) != canonical(part.path) {
                    diagnostics.append(Diagnostic(.error, at: packFile(part), "pack '\(part.id)' is loaded from two places",
                                                  notes: ["also loaded from \(packFile(same))"]))
                }
                continue
            }
            kept.append(part)
        }
        guard var out = kept.first else { throw DiagnosticError(diagnostics) }
        var ruleAt: [String: SourceLocation] = [:]
        var names: [String: String] = [:]
        for rule in out.rules { ruleAt[rule.id] = rule.location }
        for name in out.parameters.map(\.name) + out.lets.map(\.name) { names[name] = out.id }
        for part in kept.dropFirst() {
            for rule in part.rules {
                if let first = ruleAt[rule.id] {
                    diagnostics.append(Diagnostic(.error, at: rule.location, "duplicate rule id '\(rule.id)': pack '\(part.id)' and an earlier pack both define it",
                                                  notes: ["first defined at \(first)"]))
                } else {
                    ruleAt[rule.id] = rule.location
                    out.rules.append(rule)
                }
            }
            for name in part.parameters.map(\.name) + part.lets.map(\.name) {
                if let owner = names[name] {
                    diagnostics.append(Diagnostic(.error, at: packFile(part), "'\(name)' is defined by pack '\(owner)' and by pack '\(part.id)'; rules read it by name, so one must rename it"))
                }
                names[name] = part.id
            }
            if part.schema != nil {
                if let owner = out.schemaPack {
                    diagnostics.append(Diagnostic(.error, at: packFile(part), "packs '\(owner)' and '\(part.id)' both declare a snapshot schema; a pack that extends another requires it and declares none"))
                } else {
                    out.schema = part.schema
                    out.schemaClause = part.schemaClause
                    out.schemaPack = part.id
                }
            }
            out.parameters += part.parameters
            out.lets += part.lets
            out.catalogue += part.catalogue.filter { entry in !out.catalogue.contains { $0.number == entry.number } }
            out.evidence += part.evidence
            out.components += part.components
        }
        if !diagnostics.isEmpty { throw DiagnosticError(diagnostics) }
        let top = asked.isEmpty ? [kept[kept.count - 1]] : asked
        out.id = top.map(\.id).joined(separator: " + ")
        out.title = top.map(\.title).joined(separator: " + ")
        out.version = top.map(\.version).joined(separator: " + ")
        out.path = top.map(\.path).joined(separator: " ")
        return out
    }

    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    }

    /// The pack's `pack.yaml` (or single file), line 1: where a pack-wide clash is reported.
    static func packFile(_ pack: Pack) -> SourceLocation {
        var isDirectory: ObjCBool = false
        let file = FileManager.default.fileExists(atPath: pack.path, isDirectory: &isDirectory) && isDirectory.boolValue
            ? (pack.path as NSString).appendingPathComponent("pack.yaml") : pack.path
        return SourceLocation(file: file, line: 1, column: 1)
    }
}
