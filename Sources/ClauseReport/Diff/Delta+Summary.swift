// Phrases every delta reporter shares, so the formats say the same thing.
extension Delta.Side {
    /// `file, as of TIME (from SOURCE)` per snapshot document, joined with `; `.
    public var summary: String {
        if snapshots.isEmpty { return "no snapshot" }
        return snapshots.map { s in
            let document = snapshots.count > 1 || s.document > 0 ? " (document \(s.document + 1))" : ""
            return "\(s.file)\(document), as of \(s.asOf) (from \(s.asOfSource))"
        }.joined(separator: "; ")
    }
}

extension Delta.Entry {
    /// `RULE KEY`, or just the rule for keyless findings.
    public var label: String { rule + (key.map { " " + $0 } ?? "") }

    /// `error`, or the severity of a nonconformity (NEW's when it is in NEW).
    public var level: String { current.outcome == .error ? "error" : current.severity.rawValue }
}

extension Delta {
    /// The pack line of a report header, naming both packs when they differ.
    public var packSummary: String {
        let o = old.pack, n = new.pack
        if o.id == n.id && o.version == n.version { return "\(n.title) (\(n.id) \(n.version))" }
        return "old \(o.title) (\(o.id) \(o.version)); new \(n.title) (\(n.id) \(n.version))"
    }

    /// One sentence on the verdict.
    public var gateSummary: String {
        let verdict = gatePassed ? "passed" : "failed"
        let count = totals.failingGate
        return "Gate \(verdict): \(count) finding\(count == 1 ? "" : "s") in NEW fail\(count == 1 ? "s" : "") the gate (fail on \(failOn))"
    }
}
