import ClauseDiagnostics
import ClauseDocument
@testable import ClauseImport
import ClauseValue
import Foundation
import Testing

/// Manifests assembled from real files in a fresh folder: what is imported, what is rejected
/// and where, and what stops the run.
@Suite struct SnapshotAssemblerTests {
    /// A folder with `files` written in it (name → text), and the manifest path.
    static func folder(_ files: [String: String]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clause-import-\(UUID().uuidString)")
        for (name, text) in files {
            let url = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return dir
    }

    static func assemble(_ files: [String: String], presets: String? = nil) throws -> AssembledSnapshot {
        let dir = try folder(files)
        return try SnapshotAssembler.assemble(ManifestLoader.load(path: dir.appendingPathComponent("manifest.yaml").path, presets: presets))
    }

    static func problems(_ files: [String: String], presets: String? = nil) throws -> [String] {
        do {
            _ = try assemble(files, presets: presets)
            return []
        } catch let error as DiagnosticError {
            return error.diagnostics.map { "\(($0.location.file as NSString).lastPathComponent):\($0.location.mark): \($0.message)" + $0.notes.map { " (\($0))" }.joined() }
        }
    }

    static let incidentsCSV = """
    number,priority,opened_at,resolved_at,service,state\r
    INC1,1 - Critical,2026-05-04 10:10:00,2026-05-04 12:00:00,Email,Closed\r
    INC2,3 - Moderate,2026-05-05 09:00:00,NULL,Email,In Progress\r
    INC3,4 - Low,2026-05-06 09:00:00,,Email,Canceled\r
    INC4,6 - Unknown,2026-05-07 09:00:00,,Email,New\r
    INC5,2 - High,31/02/2026,,Email,New\r
    INC6,2 - High\r

    """

    static let manifest = """
    manifest: clause-snapshot/1
    as_of: 2026-06-30
    sections:
      incidents:
        from: exports/incident.csv
        system: ServiceNow
        export: incident list
        missing: ['', 'NULL']
        filter: row.state != 'Canceled'
        map:
          id: row.number
          priority: row.priority
          opened: parseTime(row.opened_at, 'yyyy-MM-dd HH:mm:ss', 'Europe/London')
          resolved: parseTime(row.resolved_at, 'yyyy-MM-dd HH:mm:ss', 'Europe/London')
          service: row.service
          sla.state: row.state.lowerAscii()
        values:
          priority: {"1 - Critical": P1, "2 - High": P2, "3 - Moderate": P3, "4 - Low": P4}
          service: {Email: SVC-01}

    """

    @Test func importsMapsFiltersAndRejectsRecordByRecord() throws {
        let assembled = try Self.assemble(["manifest.yaml": Self.manifest, "exports/incident.csv": Self.incidentsCSV])
        let root = try #require(assembled.document.root.mapValue)
        let incidents = try #require(root["incidents"]?.listValue)
        #expect(incidents.count == 2)
        #expect(JSONWriter.string(incidents[0]) == #"{"id":"INC1","priority":"P1","opened":"2026-05-04T09:10:00Z","resolved":"2026-05-04T11:00:00Z","service":"SVC-01","sla":{"state":"closed"}}"#)
        // 'NULL' is a missing marker: INC2 has no resolved field at all.
        #expect(JSONWriter.string(incidents[1]) == #"{"id":"INC2","priority":"P3","opened":"2026-05-05T08:00:00Z","service":"SVC-01","sla":{"state":"in progress"}}"#)
        #expect(assembled.summaries == [ImportSummary(section: "incidents", file: "exports/incident.csv", rows: 6, kept: 2, collapsed: 0, filtered: 1, rejected: 3)])
        let source = try #require(root["sources"]?.mapValue?["incidents"]?.mapValue)
        #expect(source["count"] == .int(2))
        #expect(source["rows"] == .int(6))
        #expect(source["file"] == .string("exports/incident.csv"))
        #expect(source["sha256"]?.stringValue?.count == 64)
        let rejected = try #require(source["rejected"]?.listValue).map { JSONWriter.string($0) }
        #expect(rejected.count == 3)
        #expect(rejected[0].contains(#""line":5,"column":6,"message":"'priority': '6 - Unknown' has no mapping in 'values'""#))
        #expect(rejected[1].contains(#""line":6,"column":15,"message":"'opened': '31/02/2026' does not match the layout""#))
        #expect(rejected[2].contains(#""line":7,"column":1,"message":"the row has 2 fields; the header has 6""#))
    }

    /// Rows are built with only the columns the manifest reads by name; a manifest that uses
    /// `row` as a whole sees every column; a cell no expression reads still rejects its record
    /// when it is not UTF-8.
    @Test func onlyTheColumnsReadAreBuiltButEveryCellIsChecked() throws {
        let csv = Data("id,note,extra\nA,x,1\nB,y,2\nC,".utf8) + Data([0xC3, 0x28]) + Data(",3\n".utf8)
        /// The export mapped with `fields` (YAML lines under `map:`).
        func assemble(_ fields: String) throws -> AssembledSnapshot {
            let dir = try Self.folder(["manifest.yaml": """
            manifest: clause-snapshot/1
            as_of: 2026-06-30
            sections:
              incidents:
                from: e.csv
                system: ServiceNow
                map:
            \(fields)
            """])
            try csv.write(to: dir.appendingPathComponent("e.csv"))
            return try SnapshotAssembler.assemble(ManifestLoader.load(path: dir.appendingPathComponent("manifest.yaml").path, presets: nil))
        }
        let whole = try assemble("      id: row.id\n      width: size(row)\n      named: row['extra']\n")
        let records = try #require(whole.document.root.mapValue?["incidents"]?.listValue)
        #expect(records.elements.map { JSONWriter.string($0) } == [#"{"id":"A","width":3,"named":"1"}"#, #"{"id":"B","width":3,"named":"2"}"#])
        #expect(Self.readsOnly("row.id + row['extra']") && !Self.readsOnly("size(row)") && !Self.readsOnly("row.id + string(row)"))
        // Named columns only: the same rows and the same rejection of the third.
        let named = try assemble("      id: row.id\n      named: row['extra']\n")
        let kept = try #require(named.document.root.mapValue?["incidents"]?.listValue)
        #expect(kept.elements.map { JSONWriter.string($0) } == [#"{"id":"A","named":"1"}"#, #"{"id":"B","named":"2"}"#])
        #expect(named.summaries.first?.rejected == 1)
        let rejected = named.document.root.mapValue?["sources"]?.mapValue?["incidents"]?.mapValue?["rejected"]?.listValue
        #expect(rejected.map { JSONWriter.string($0[0]) }?.contains("a field is not valid UTF-8") == true)
    }

    static func readsOnly(_ text: String) -> Bool { SectionFields.readsRowByNameOnly(text) }

    @Test func recordsPointAtTheirRowInTheExport() throws {
        let assembled = try Self.assemble(["manifest.yaml": Self.manifest, "exports/incident.csv": Self.incidentsCSV])
        let document = assembled.document
        #expect(document.fileName(at: "incidents[1].priority").hasSuffix("exports/incident.csv"))
        #expect(document.fileName(at: "as_of").hasSuffix("manifest.yaml"))
        let incidents = try #require(document.root.mapValue?["incidents"]?.listValue)
        #expect(incidents.mark(at: 0).description == "2:1")
        #expect(incidents.mark(at: 1).description == "3:1")
        // A field read straight from a column is marked at its cell.
        #expect(incidents[1].mapValue?.mark(at: 1).description == "3:6")
    }

    @Test func eventLogsCollapseToEachRecordsLatestRow() throws {
        let log = """
        number,state,sys_updated_on
        INC1,New,2026-05-04 10:00:00
        INC2,New,2026-05-04 11:00:00
        INC1,Resolved,2026-05-06 10:00:00
        INC1,In Progress,2026-05-05 10:00:00

        """
        let manifest = """
        manifest: clause-snapshot/1
        sections:
          incidents:
            from: audit.csv
            system: ServiceNow
            key: row.number
            latest_by: parseTime(row.sys_updated_on, 'yyyy-MM-dd HH:mm:ss', 'UTC')
            map: {id: row.number, state: row.state}

        """
        let assembled = try Self.assemble(["manifest.yaml": manifest, "audit.csv": log])
        let incidents = try #require(assembled.document.root.mapValue?["incidents"]?.listValue)
        #expect(incidents.elements.map(JSONWriter.string) == [#"{"id":"INC1","state":"Resolved"}"#, #"{"id":"INC2","state":"New"}"#])
        // INC1's record is its latest row, line 4.
        #expect(incidents.mark(at: 0).line == 4)
        #expect(assembled.summaries[0].collapsed == 2)
    }

    @Test func joinsAttachRowsOfASecondExport() throws {
        let changes = #"{"result": [{"number": "CHG1", "sys_id": "a1", "risk": "High"}, {"number": "CHG2", "sys_id": "b2", "risk": "Low"}]}"#
        let approvals = "sysapproval,approver,state\na1,Omar Haddad,approved\na1,Tom Baker,approved\nzz,Nobody,approved\n"
        let manifest = """
        manifest: clause-snapshot/1
        sections:
          changes:
            from: change_request.json
            records: result
            system: ServiceNow
            join:
              - {name: approvals, from: sysapproval_approver.csv, on: row.sys_id, to: row.sysapproval}
            map:
              id: row.number
              risk: row.risk.lowerAscii()
              approvals: "approvals.map(a, {'by': a.approver})"

        """
        let assembled = try Self.assemble(["manifest.yaml": manifest, "change_request.json": changes, "sysapproval_approver.csv": approvals])
        let list = try #require(assembled.document.root.mapValue?["changes"]?.listValue)
        #expect(list.elements.map(JSONWriter.string) == [
            #"{"id":"CHG1","risk":"high","approvals":[{"by":"Omar Haddad"},{"by":"Tom Baker"}]}"#,
            #"{"id":"CHG2","risk":"low","approvals":[]}"#,
        ])
        // JSON records are marked where each object starts.
        #expect(list.mark(at: 1).description == "1:65")
        let joins = assembled.document.root.mapValue?["sources"]?.mapValue?["changes"]?.mapValue?["joins"]
        #expect(joins.map(JSONWriter.string)?.contains(#""name":"approvals","file":"sysapproval_approver.csv""#) == true)
    }

    @Test func markdownFrontMatterIsARecordPerFile() throws {
        let manifest = """
        manifest: clause-snapshot/1
        sections:
          documents:
            from: docs
            system: Git
            map: {id: row.id, title: row.title, file: row.file, approved_on: row.approved}

        """
        let assembled = try Self.assemble([
            "manifest.yaml": manifest,
            "docs/b-policy.md": "---\nid: DOC-2\ntitle: Policy\napproved: 2026-01-02\n---\n# Policy\n",
            "docs/a-scope.md": "---\nid: DOC-1\ntitle: Scope\napproved: '2025-11-03'\n---\nbody\n---\nnot front matter\n",
            "docs/notes.txt": "ignored",
            "docs/c-broken.md": "# no front matter\n",
        ])
        let list = try #require(assembled.document.root.mapValue?["documents"]?.listValue)
        #expect(list.elements.map(JSONWriter.string) == [
            #"{"id":"DOC-1","title":"Scope","file":"docs/a-scope.md","approved_on":"2025-11-03"}"#,
            #"{"id":"DOC-2","title":"Policy","file":"docs/b-policy.md","approved_on":"2026-01-02"}"#,
        ])
        #expect(assembled.summaries[0].rejected == 1)
    }

    @Test func structuralProblemsAreAllReportedAtOnce() throws {
        let manifest = """
        manifest: clause-snapshot/1
        sectoins: {}
        sections:
          incidents:
            from: ../outside.csv
            system: ServiceNow
            map: {id: row.number}
          problems:
            from: missing.csv
            system: ServiceNow
            map: {id: row.number}
          changes:
            form: x.csv
            system: ServiceNow
            map: {id: 'row.number +'}
          services:
            from: services.csv
            map: {id: row.number}
            values: {status: {Live: live}}
          assets:
            from: a.csv
            preset: servicenow-incidnet-csv
            system: ServiceNow
            map: {id: row.number}

        """
        let found = try Self.problems(["manifest.yaml": manifest, "services.csv": "number\nS1\n", "a.csv": "number\n"], presets: "/nonexistent")
        let text = found.joined(separator: "\n")
        #expect(text.contains("unknown field 'sectoins' in the manifest (did you mean 'sections'?)"), "\(text)")
        #expect(text.contains("export '../outside.csv' is outside the manifest's folder"))
        #expect(text.contains("export 'missing.csv' not found"))
        #expect(text.contains("unknown field 'form' in section 'changes' (did you mean 'from'?)"))
        #expect(text.contains("section 'changes' has no 'from'"))
        #expect(text.contains("'values' for 'status', which 'map' does not set"))
        #expect(text.contains("section 'services' does not say its 'system'"))
        #expect(text.contains("no preset 'servicenow-incidnet-csv'"))
        #expect(found.count >= 8)
    }

    @Test func aColumnTheManifestReadsMustBeInTheHeader() throws {
        let manifest = """
        manifest: clause-snapshot/1
        sections:
          incidents:
            from: incident.csv
            system: ServiceNow
            map: {id: row.nubmer, priority: "row['priority level']"}

        """
        let found = try Self.problems(["manifest.yaml": manifest, "incident.csv": "number,priority\nINC1,P1\n"])
        #expect(found.count == 2)
        #expect(found[0].contains("column 'nubmer' is not in the header") && found[0].contains("did you mean 'number'?"), "\(found)")
        #expect(found[1].contains("column 'priority level' is not in the header"))
    }

    @Test func aFIFOIsNeverOpened() throws {
        let dir = try Self.folder(["manifest.yaml": "manifest: clause-snapshot/1\nsections:\n  incidents: {from: pipe.csv, system: x, map: {id: row.a}}\n"])
        #expect(mkfifo(dir.appendingPathComponent("pipe.csv").path, 0o600) == 0)
        #expect(throws: DiagnosticError.self) {
            _ = try ManifestLoader.load(path: dir.appendingPathComponent("manifest.yaml").path, presets: nil)
        }
    }

    @Test func aPresetIsOverriddenFieldByField() throws {
        let presets = try Self.folder(["p/inc.yaml": """
        description: test preset
        section: incidents
        system: ServiceNow
        map: {id: row.number, priority: row.priority}
        values: {priority: {"1 - Critical": P1}}

        """]).appendingPathComponent("p").path
        let manifest = """
        manifest: clause-snapshot/1
        sections:
          incidents:
            from: incident.csv
            preset: inc
            values: {priority: {"1 - Critical": P1, "Sev 2": P2}}

        """
        let assembled = try Self.assemble(["manifest.yaml": manifest, "incident.csv": "number,priority\nINC1,Sev 2\n"], presets: presets)
        #expect(assembled.document.root.mapValue?["incidents"].map(JSONWriter.string) == #"[{"id":"INC1","priority":"P2"}]"#)
        #expect(assembled.document.root.mapValue?["sources"]?.mapValue?["incidents"]?.mapValue?["system"] == .string("ServiceNow"))
    }

    @Test func aSectionFromTwoPlacesIsAnError() throws {
        let manifest = "manifest: clause-snapshot/1\ninclude: [kept.yaml]\nsections:\n  incidents: {from: i.csv, system: x, map: {id: row.a}}\n"
        let found = try Self.problems(["manifest.yaml": manifest, "kept.yaml": "incidents: []\n", "i.csv": "a\n1\n"])
        #expect(found.count == 1)
        #expect(found.first?.contains("section 'incidents' comes from two places") == true)
    }

    @Test func symlinksOutOfTheFolderAreNeverRead() throws {
        let outside = try Self.folder(["secret.csv": "a\nsecret\n", "secret.md": "---\nid: S\n---\n"])
        let manifest = """
        manifest: clause-snapshot/1
        sections:
          incidents: {from: linked.csv, system: x, map: {id: row.a}}

        """
        let dir = try Self.folder(["manifest.yaml": manifest, "docs/ok.md": "---\nid: D1\n---\n"])
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("linked.csv").path, withDestinationPath: outside.appendingPathComponent("secret.csv").path)
        #expect(throws: DiagnosticError.self) {
            _ = try ManifestLoader.load(path: dir.appendingPathComponent("manifest.yaml").path, presets: nil)
        }
        // Inside a Markdown folder, a link out of it rejects that record only.
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("docs/leak.md").path, withDestinationPath: outside.appendingPathComponent("secret.md").path)
        try "manifest: clause-snapshot/1\nsections:\n  documents: {from: docs, system: x, map: {id: row.id}}\n".write(to: dir.appendingPathComponent("manifest.yaml"), atomically: true, encoding: .utf8)
        let assembled = try SnapshotAssembler.assemble(ManifestLoader.load(path: dir.appendingPathComponent("manifest.yaml").path, presets: nil))
        #expect(assembled.document.root.mapValue?["documents"].map(JSONWriter.string) == #"[{"id":"D1"}]"#)
        #expect(assembled.summaries.first?.rejected == 1)
    }
}
