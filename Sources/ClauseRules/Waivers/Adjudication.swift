import ClauseValue

/// Applies governed exceptions to evaluated snapshots: waivers and a baseline of known findings.
public enum Adjudication {
    /// Marks findings waived by an active waiver; returns what became of every waiver. A waiver
    /// past its date waives nothing and is reported as expired; one that matched nothing, unused.
    public static func apply(_ waivers: [Waiver], to results: inout [SnapshotResult]) -> [WaiverStatus] {
        var matched = [Int](repeating: 0, count: waivers.count)
        var expiredHit = [Bool](repeating: false, count: waivers.count)
        for s in results.indices {
            let now = Timestamp(rfc3339: results[s].asOf) ?? Timestamp(seconds: 0)
            // Nonconformities and missing evidence may be accepted for a time; errors never are.
            for f in results[s].findings.indices where results[s].findings[f].outcome == .fail || results[s].findings[f].outcome == .noEvidence {
                let finding = results[s].findings[f]
                // An active waiver wins over an expired one for the same finding, wherever each
                // is listed (a renewal added below the lapsed entry); the expired one is still
                // reported as expired.
                let candidates = waivers.indices.filter { waivers[$0].matches(rule: finding.rule, key: finding.key) }
                for c in candidates where waivers[c].isExpired(at: now) {
                    matched[c] += 1
                    expiredHit[c] = true
                }
                guard let w = candidates.first(where: { !waivers[$0].isExpired(at: now) }) else { continue }
                matched[w] += 1
                results[s].findings[f].outcome = .waived
                results[s].findings[f].waiver = waivers[w]
                if let r = results[s].rules.firstIndex(where: { $0.rule == finding.rule }) {
                    if finding.outcome == .noEvidence { results[s].rules[r].noEvidence -= 1 } else { results[s].rules[r].fail -= 1 }
                    results[s].rules[r].waived += 1
                }
            }
        }
        let latest = results.compactMap { Timestamp(rfc3339: $0.asOf) }.max() ?? Timestamp(seconds: 0)
        return waivers.indices.map { i in
            let expired = expiredHit[i] || waivers[i].isExpired(at: latest)
            let state: WaiverStatus.State = expired ? .expired : matched[i] == 0 ? .unused : .active
            return WaiverStatus(waiver: waivers[i], state: state, matched: matched[i], notes: WaiverStatus.notes(for: waivers[i], at: latest))
        }
    }

    /// Marks each nonconformity and error as `unchanged` (its fingerprint is in the baseline) or
    /// `new`; only new ones fail the gate.
    public static func apply(baseline fingerprints: Set<String>, to results: inout [SnapshotResult]) {
        for s in results.indices {
            for f in results[s].findings.indices where results[s].findings[f].outcome != .waived {
                results[s].findings[f].baseline = fingerprints.contains(results[s].findings[f].fingerprint) ? "unchanged" : "new"
            }
        }
    }
}
