import ClauseDiagnostics
import ClauseDocument
import ClauseValue

/// Reads a waivers file (`waivers:` list); every problem is located, all reported at once.
public enum WaiverLoader {
    static let fields = ["rule", "key", "reason", "approved_by", "expires"]

    /// The waivers at `path`, each naming a rule of `knownRules`; every problem is thrown at once.
    public static func load(path: String, knownRules: Set<String>) throws(DiagnosticError) -> [Waiver] {
        let document: Document
        do {
            var options = LoadOptions()
            options.format = .yaml
            guard let first = try DocumentLoader.load(path: path, options: options).first else { return [] }
            document = first
        } catch {
            throw error.diagnosticError
        }
        var diagnostics: [Diagnostic] = []
        var top = FieldReader(document.root, mark: document.rootMark, source: document.source, what: "the waivers file", diagnostics: &diagnostics)
        var waivers: [Waiver] = []
        if let (value, mark) = top.raw("waivers", required: true) {
            if case .list(let list) = value {
                for i in 0..<list.count {
                    var r = FieldReader(list[i], mark: list.mark(at: i), source: document.source, what: "a waiver", diagnostics: &diagnostics)
                    let rule = r.string("rule", required: true)
                    let key = r.string("key", required: false)
                    let reason = r.string("reason", required: true)
                    let approvedBy = r.string("approved_by", required: true)
                    let expires = r.string("expires", required: true)
                    if let rule, !knownRules.contains(rule) {
                        let mark = r.map.mark(at: r.map.position(ofString: "rule") ?? 0)
                        r.error(at: mark, "no rule '\(rule)' in the pack", notes: FieldReader.suggestion(for: rule, among: knownRules.sorted()).map { ["did you mean '\($0)'?"] } ?? [])
                    }
                    if let expires, Timestamp(date: expires) == nil {
                        r.error(at: r.map.mark(at: r.map.position(ofString: "expires") ?? 0), "'expires' must be a date YYYY-MM-DD, not '\(expires)'")
                    }
                    for field in ["reason", "approved_by"] {
                        if let text = r.map[field]?.stringValue, text.allSatisfy(\.isWhitespace) {
                            r.error(at: r.map.mark(at: r.map.position(ofString: field) ?? 0), "'\(field)' must not be empty")
                        }
                    }
                    r.finish(allowed: fields)
                    diagnostics += r.diagnostics
                    if let rule, let reason, let approvedBy, let expires, r.diagnostics.isEmpty {
                        let mark = list.mark(at: i)
                        waivers.append(Waiver(rule: rule, key: key, reason: reason, approvedBy: approvedBy, expires: expires,
                                              file: path, line: Int(mark.line), column: Int(mark.column)))
                    }
                }
            } else {
                top.error(at: mark, "'waivers' must be a list")
            }
        }
        top.finish(allowed: ["waivers"])
        diagnostics += top.diagnostics
        if !diagnostics.isEmpty { throw DiagnosticError(diagnostics, sources: [path: document.source]) }
        return waivers
    }
}
