import ClauseDiagnostics
import ClauseDocument
import ClauseSchema
import ClauseValue

/// What Clause concludes about a snapshot itself before trusting any rule's verdict on it: its
/// values against the pack's schema, the evidence each clause needs, and the provenance the
/// snapshot records. Each problem is a located finding; none is a silent skip.
struct SnapshotAssessment {
    let pack: Pack
    let document: Document
    let now: Timestamp
    let period: AuditPeriod
    /// The evidence requirements this run checks (after `--rule`, `--clause`).
    let evidence: [EvidenceRequirement]
    /// With `--strict`, unknown sections and fields are errors, not observations.
    let strict: Bool

    /// Findings in a fixed order (schema, unknown, evidence, provenance; then document order),
    /// and one summary per check that ran.
    func run() -> (findings: [Finding], summaries: [RuleSummary]) {
        var findings: [Finding] = []
        var summaries: [RuleSummary] = []
        let root = document.root.mapValue
        if let schema = pack.schema {
            let violations = schema.validate(document.root, rootMark: document.rootMark, now: SchemaClock.endOfDay(now))
            var schemaSummary = summary(.schema)
            var unknownSummary = summary(.unknown)
            for v in violations where v.kind != .unknownProperty {
                findings.append(finding(.schema, outcome: .error, key: v.path, path: v.path, mark: v.mark, message: v.message,
                                        clauses: clauses(forPath: v.path)))
                schemaSummary.error += 1
            }
            for v in violations where v.kind == .unknownProperty {
                let outcome: Outcome = strict ? .error : .fail
                findings.append(finding(.unknown, outcome: outcome, key: v.path, path: v.path, mark: v.mark, message: v.message,
                                        clauses: clauses(forPath: v.path)))
                unknownSummary.count(outcome)
            }
            // A stated period that runs backwards would silently give way to the default one.
            if let i = root?.position(ofString: "period"), let stated = root?.value(at: i).mapValue,
               let from = stated["from"]?.stringValue.flatMap(Timestamp.init(date:)),
               let to = stated["to"]?.stringValue.flatMap(Timestamp.init(date:)), from > to, let root {
                findings.append(finding(.schema, outcome: .error, key: "period", path: "period", mark: root.mark(at: i),
                                        message: "period: 'from' \(AuditPeriod.date(from)) is after 'to' \(AuditPeriod.date(to))",
                                        clauses: clauses(forPath: "period")))
                schemaSummary.error += 1
            }
            if schemaSummary.error == 0 { schemaSummary.pass = 1 }
            if unknownSummary.fail + unknownSummary.error == 0 { unknownSummary.pass = 1 }
            summaries += [schemaSummary, unknownSummary]
        }
        if !evidence.isEmpty {
            var evidenceSummary = summary(.evidence)
            for requirement in evidence {
                if let gap = gap(requirement, in: root, period: period) {
                    findings.append(finding(.evidence, outcome: .noEvidence, key: requirement.section, path: requirement.section,
                                            mark: gap.mark, message: gap.message, clauses: requirement.clauses))
                    evidenceSummary.noEvidence += 1
                } else {
                    evidenceSummary.pass += 1
                }
            }
            summaries.append(evidenceSummary)
        }
        if let sources = root?["sources"]?.mapValue {
            var provenanceSummary = summary(.provenance)
            for problem in provenance(sources, root: root, period: period) {
                findings.append(finding(.provenance, outcome: .fail, key: problem.path, path: problem.path, mark: problem.mark,
                                        message: problem.message, clauses: clauses(forPath: problem.path)))
                provenanceSummary.fail += 1
            }
            if provenanceSummary.fail == 0 { provenanceSummary.pass = 1 }
            summaries.append(provenanceSummary)
            let rejected = rejections(sources)
            if !rejected.isEmpty {
                var importSummary = summary(.importing)
                findings += rejected
                importSummary.error = rejected.count
                summaries.append(importSummary)
            }
        }
        return (findings, summaries)
    }

    private func summary(_ check: BuiltinCheck) -> RuleSummary {
        RuleSummary(rule: check.rawValue, clauses: pack.schemaClause.map { [$0] } ?? [], severity: check.severity, stage: .documentation)
    }

    private func finding(_ check: BuiltinCheck, outcome: Outcome, key: String, path: String, mark: SourceMark,
                         message: String, clauses: [String]) -> Finding {
        Finding(rule: check.rawValue, title: check.title,
                clauses: clauses.map { ClauseReference(number: $0, title: pack.clause($0)?.title ?? "") },
                severity: check.severity, stage: .documentation, outcome: outcome, message: message,
                remediation: check.remediation, key: key, path: path.isEmpty ? nil : path, file: document.fileName(at: path),
                line: mark.isKnown ? Int(mark.line) : nil, column: mark.isKnown ? Int(mark.column) : nil,
                fingerprint: Fingerprint.of(rule: check.rawValue, key: key), pack: pack.schemaPack ?? pack.id)
    }

    /// The clauses a field serves: those of its section's evidence, then the schema's clause.
    /// `sources.incidents.count` serves the clauses of `incidents`.
    private func clauses(forPath path: String) -> [String] {
        var parts = path.split(whereSeparator: { $0 == "." || $0 == "[" }).map(String.init)
        if parts.first == "sources", parts.count > 1 { parts.removeFirst() }
        var out = parts.first.flatMap { section in pack.evidence.first { $0.section == section }?.clauses } ?? []
        if let clause = pack.schemaClause, !out.contains(clause) { out.append(clause) }
        return out
    }

    /// Why a required section gives no evidence, with the place to point at; nil when it does.
    private func gap(_ requirement: EvidenceRequirement, in root: ValueMap?, period: AuditPeriod) -> (mark: SourceMark, message: String)? {
        let name = requirement.section
        guard let root, let i = root.position(ofString: name) else {
            return (document.rootMark, "no evidence: the snapshot has no '\(name)' section")
        }
        let value = root.value(at: i)
        let mark = root.hasMarks ? root.keyMarks[i] : root.mark(at: i)
        if Self.isEmpty(value) {
            return (mark, "no evidence: the '\(name)' section is empty")
        }
        guard let field = requirement.dated else { return nil }
        // A list holds records; a map section is one record. Anything else has no dated record.
        let records = value.listValue?.elements ?? [value]
        let dated = records.contains { record in record.mapValue?[field].map(period.contains) ?? false }
        if !dated {
            return (mark, "no evidence: no '\(name)' record has a '\(field)' inside the audit period \(period.text)")
        }
        return nil
    }

    /// Absent content: null, an empty list, map or string.
    static func isEmpty(_ value: Value) -> Bool {
        switch value {
        case .null: true
        case .list(let list): list.isEmpty
        case .map(let map): map.isEmpty
        case .string(let s): s.allSatisfy(\.isWhitespace)
        default: false
        }
    }

    /// `sources.<section>`: a stated period that does not cover the audit period, or a stated
    /// count that differs from the records the section holds.
    private func provenance(_ sources: ValueMap, root: ValueMap?, period: AuditPeriod) -> [(path: String, mark: SourceMark, message: String)] {
        var out: [(String, SourceMark, String)] = []
        for i in 0..<sources.count {
            guard let section = sources.key(at: i).stringValue, let source = sources.value(at: i).mapValue else { continue }
            if let j = source.position(ofString: "count") {
                let held = root?[section].map(Self.recordCount) ?? 0
                let stated: Int64? = switch source.value(at: j) {
                case .int(let n): n
                case .uint(let n): Int64(exactly: n)
                default: nil
                }
                if let stated, stated != Int64(held) {
                    out.append(("sources.\(section).count", source.mark(at: j),
                                "sources.\(section).count: the export recorded \(stated) records but the snapshot holds \(held)"))
                }
            }
            if let j = source.position(ofString: "period"), let stated = source.value(at: j).mapValue,
               let from = stated["from"]?.stringValue.flatMap(Timestamp.init(date:)),
               let to = stated["to"]?.stringValue.flatMap(Timestamp.init(date:)),
               !period.isCovered(from: from, to: to) {
                out.append(("sources.\(section).period", source.mark(at: j),
                            "sources.\(section).period: the export covers \(AuditPeriod.date(from))..\(AuditPeriod.date(to)), not the audit period \(period.text)"))
            }
        }
        return out
    }

    /// One error per record an import rejected, located in the export it came from (the
    /// entry's own file, line and column), so the auditor opens the export, not the snapshot.
    private func rejections(_ sources: ValueMap) -> [Finding] {
        var out: [Finding] = []
        for i in 0..<sources.count {
            guard let section = sources.key(at: i).stringValue, let source = sources.value(at: i).mapValue,
                  case .list(let list)? = source["rejected"] else { continue }
            for k in 0..<list.count {
                let entry = list[k].mapValue
                let path = "sources.\(section).rejected[\(k)]"
                var f = finding(.importing, outcome: .error, key: path, path: path, mark: list.mark(at: k),
                                message: "\(section): record not imported: " + (entry?["message"]?.stringValue ?? "(no reason given)"),
                                clauses: clauses(forPath: "sources.\(section)"))
                if let file = entry?["file"]?.stringValue, case .int(let line)? = entry?["line"] {
                    f.file = file
                    f.line = Int(line)
                    f.column = entry?["column"].flatMap { if case .int(let c) = $0 { Int(c) } else { nil } }
                }
                out.append(f)
            }
        }
        return out
    }

    static func recordCount(_ value: Value) -> Int {
        switch value {
        case .list(let list): list.count
        case .null: 0
        default: 1
        }
    }
}
