import ClauseRules
import Foundation

/// `--format sarif`: a SARIF 2.1.0 log that GitHub code scanning accepts: one run, one
/// `reportingDescriptor` per rule that ran, one result per finding (waived ones carry an accepted
/// external suppression), keys sorted so the same inputs give the same bytes.
public enum SARIFReporter {
    /// The schema URI written as `$schema` (the OASIS errata01 schema).
    public static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    /// The key of the fingerprint in `partialFingerprints`; bump the suffix if its recipe changes.
    public static let fingerprintKey = "clauseFingerprint/v1"

    /// Renders `report` as SARIF; `informationURI` is the tool's home page, omitted when nil.
    public static func render(_ report: CheckReport, informationURI: String? = nil) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(log(report, informationURI: informationURI)) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The SARIF level for a severity: major is an error, minor a warning, observation a note.
    public static func level(_ severity: Severity) -> String {
        switch severity {
        case .major: "error"
        case .minor: "warning"
        case .observation: "note"
        }
    }

    /// `Every live service has an agreed SLA` -> `EveryLiveServiceHasAnAgreedSLA`.
    public static func pascalCase(_ text: String) -> String {
        let words = text.unicodeScalars.split { !(CharacterSet.alphanumerics.contains($0)) }
        return words.map { word in
            let s = String(String.UnicodeScalarView(word))
            return s.prefix(1).uppercased() + s.dropFirst()
        }.joined()
    }

    static func log(_ report: CheckReport, informationURI: String?) -> Log {
        let ruleIndex = Dictionary(report.rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let rules = report.rules.map { rule in
            let clauses = rule.clauses.map(clauseLabel)
            let name = pascalCase(rule.title.isEmpty ? rule.id : rule.title)
            let full = rule.title + (clauses.isEmpty ? "" : " (clause\(clauses.count > 1 ? "s" : "") " + clauses.joined(separator: "; ") + ")")
            var markdown = "**Remediation:** \(rule.remediation)\n\n**Clauses:** \(clauses.joined(separator: "; "))"
            markdown += "\n\n**Severity:** \(rule.severity.rawValue); **stage:** \(rule.stage.rawValue)"
            return ReportingDescriptor(
                id: rule.id, name: name.isEmpty ? rule.id : name,
                shortDescription: Message(text: rule.title), fullDescription: Message(text: full),
                help: Help(text: rule.remediation, markdown: markdown),
                defaultConfiguration: Configuration(level: level(rule.severity)),
                properties: RuleProperties(clauses: clauses, severity: rule.severity.rawValue, stage: rule.stage.rawValue,
                                           tags: [rule.pack ?? report.pack.id] + rule.clauses.map { "clause-\($0.number)" }))
        }

        // One artifact per snapshot file (the documents of a multi-document stream share it).
        var artifacts: [Artifact] = []
        var artifactIndex: [String: Int] = [:]
        for snapshot in report.snapshots where artifactIndex[snapshot.file] == nil {
            artifactIndex[snapshot.file] = artifacts.count
            artifacts.append(Artifact(location: artifactLocation(snapshot.file, index: nil),
                                      hashes: ["sha-256": snapshot.sha256], roles: ["analysisTarget"]))
        }

        var results: [Result] = []
        for snapshot in report.snapshots {
            for finding in snapshot.findings {
                let region = finding.line.flatMap { $0 >= 1 ? Region(startLine: $0, startColumn: finding.column.flatMap { $0 >= 1 ? $0 : nil }) : nil }
                let location = Location(physicalLocation: PhysicalLocation(
                    artifactLocation: artifactLocation(finding.file, index: artifactIndex[finding.file]), region: region))
                let text = finding.errorText
                let suppressions = finding.waiver.map { waiver in
                    [Suppression(kind: "external", status: "accepted", justification: justification(waiver),
                                 location: Location(physicalLocation: PhysicalLocation(
                                     artifactLocation: artifactLocation(waiver.file, index: nil),
                                     region: Region(startLine: waiver.line, startColumn: waiver.column))))]
                }
                results.append(Result(
                    ruleId: finding.rule, ruleIndex: ruleIndex[finding.rule],
                    level: finding.outcome == .error ? "error" : level(finding.severity),
                    message: Message(text: text), locations: [location],
                    partialFingerprints: [fingerprintKey: finding.fingerprint],
                    suppressions: suppressions,
                    baselineState: report.baseline == nil ? nil : (finding.baseline ?? "new"),
                    properties: ResultProperties(key: finding.key, path: finding.path, clauses: finding.clauses.map(clauseLabel),
                                                 stage: finding.stage.rawValue, severity: finding.severity.rawValue,
                                                 outcome: finding.outcome.rawValue, document: snapshot.document, pack: finding.pack)))
            }
        }

        let notifications = report.waivers.filter { $0.state != .active }.map { status in
            let w = status.waiver
            let what = w.rule + (w.key.map { " " + $0 } ?? "")
            let text = status.state == .expired
                ? "waiver \(what) expired on \(w.expires) and no longer waives"
                : "waiver \(what) matched no finding"
            return Notification(level: "warning", message: Message(text: text), locations: [Location(physicalLocation: PhysicalLocation(
                artifactLocation: artifactLocation(w.file, index: nil), region: Region(startLine: w.line, startColumn: w.column)))])
        }
        let configuration = report.tailoring.map { tailoring in
            TailoringRows(tailoring: tailoring, report: report).rows.map { row in
                Notification(level: row.kind == "exclusion" ? "warning" : "note",
                             message: Message(text: "\(row.kind == "exclusion" ? "EXCLUSION" : row.kind) \(row.subject): \(row.change)"
                                              + (row.rationale.isEmpty ? "" : " (\(row.rationale))")),
                             locations: [Location(physicalLocation: PhysicalLocation(artifactLocation: artifactLocation(tailoring.file, index: nil), region: nil))])
            }
        }
        let invocation = Invocation(
            executionSuccessful: true,
            toolExecutionNotifications: notifications.isEmpty ? nil : notifications,
            toolConfigurationNotifications: configuration?.isEmpty == false ? configuration : nil,
            properties: InvocationProperties(
                gate: report.gate, failOn: report.failOn, pack: report.pack.id + " " + report.pack.version, baseline: report.baseline,
                snapshots: report.snapshots.map { SnapshotProperties(file: $0.file, document: $0.document, asOf: $0.asOf, asOfSource: $0.asOfSource) },
                tailoring: report.tailoring))

        let driver = Driver(name: report.tool.name, version: report.tool.version, semanticVersion: report.tool.version,
                            informationUri: informationURI, rules: rules)
        let run = Run(tool: Tool(driver: driver), invocations: [invocation], artifacts: artifacts,
                      results: results, columnKind: "unicodeCodePoints")
        return Log(schema: schemaURI, version: "2.1.0", runs: [run])
    }

    static func clauseLabel(_ clause: ClauseReference) -> String {
        clause.title.isEmpty ? clause.number : "\(clause.number) \(clause.title)"
    }

    static func justification(_ waiver: Waiver) -> String {
        "\(waiver.reason) (approved by \(waiver.approvedBy), expires \(waiver.expires))"
    }

    /// A relative path stays relative to `%SRCROOT%` (so GitHub maps it onto the checkout);
    /// an absolute one becomes a `file://` URI.
    static func artifactLocation(_ path: String, index: Int?) -> ArtifactLocation {
        var allowed = CharacterSet.urlPathAllowed
        // `:` too, so a relative path's first segment is never read as a scheme.
        allowed.remove(charactersIn: ";:")
        let encoded = path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
        if path.hasPrefix("/") {
            return ArtifactLocation(uri: "file://" + encoded, uriBaseId: nil, index: index)
        }
        return ArtifactLocation(uri: encoded, uriBaseId: "%SRCROOT%", index: index)
    }

    // MARK: - The subset of the SARIF object model Clause writes

    struct Log: Encodable {
        var schema: String
        var version: String
        var runs: [Run]
        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case version, runs
        }
    }

    struct Run: Encodable {
        var tool: Tool
        var invocations: [Invocation]
        var artifacts: [Artifact]
        var results: [Result]
        var columnKind: String
    }

    struct Tool: Encodable { var driver: Driver }

    struct Driver: Encodable {
        var name: String
        var version: String
        var semanticVersion: String
        var informationUri: String?
        var rules: [ReportingDescriptor]
    }

    struct ReportingDescriptor: Encodable {
        var id: String
        var name: String
        var shortDescription: Message
        var fullDescription: Message
        var help: Help
        var defaultConfiguration: Configuration
        var properties: RuleProperties
    }

    struct Message: Encodable { var text: String }
    struct Help: Encodable { var text: String; var markdown: String }
    struct Configuration: Encodable { var level: String }

    struct RuleProperties: Encodable {
        var clauses: [String]
        var severity: String
        var stage: String
        var tags: [String]
    }

    struct Artifact: Encodable {
        var location: ArtifactLocation
        var hashes: [String: String]
        var roles: [String]
    }

    struct ArtifactLocation: Encodable {
        var uri: String
        var uriBaseId: String?
        var index: Int?
    }

    struct Region: Encodable {
        var startLine: Int
        var startColumn: Int?
    }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region?
    }

    struct Location: Encodable { var physicalLocation: PhysicalLocation }

    struct Suppression: Encodable {
        var kind: String
        var status: String
        var justification: String
        var location: Location
    }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int?
        var level: String
        var message: Message
        var locations: [Location]
        var partialFingerprints: [String: String]
        var suppressions: [Suppression]?
        var baselineState: String?
        var properties: ResultProperties
    }

    struct ResultProperties: Encodable {
        var key: String?
        var path: String?
        var clauses: [String]
        var stage: String
        var severity: String
        var outcome: String
        var document: Int
        var pack: String?
    }

    struct Notification: Encodable {
        var level: String
        var message: Message
        var locations: [Location]
    }

    struct Invocation: Encodable {
        var executionSuccessful: Bool
        var toolExecutionNotifications: [Notification]?
        /// The tailoring's changes, one notification each (an exclusion as a warning).
        var toolConfigurationNotifications: [Notification]?
        var properties: InvocationProperties
    }

    struct InvocationProperties: Encodable {
        var gate: String
        var failOn: String
        var pack: String
        var baseline: String?
        var snapshots: [SnapshotProperties]
        var tailoring: Tailoring?
        enum CodingKeys: String, CodingKey {
            case gate, pack, baseline, snapshots, tailoring
            case failOn = "fail_on"
        }
    }

    struct SnapshotProperties: Encodable {
        var file: String
        var document: Int
        var asOf: String
        var asOfSource: String
        enum CodingKeys: String, CodingKey {
            case file, document
            case asOf = "as_of"
            case asOfSource = "as_of_source"
        }
    }
}
