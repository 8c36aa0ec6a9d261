import ClauseDiagnostics
import ClauseRules
import Foundation
import Testing

/// Packs composed with `requires:` and `--pack` repeated: what a pack extends is in scope, each
/// pack counts once, and whatever two packs would both define is a located error.
@Suite struct PackCompositionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let iso = root.appendingPathComponent("rules/iso20000-1").path
    static let acme = root.appendingPathComponent("rules/examples/acme-extra").path

    /// A folder holding packs side by side: `files` maps a path inside it to its text.
    static func folder(_ files: [String: String]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clause-compose-\(UUID().uuidString)")
        for (path, text) in files {
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        // The shipped pack beside them, as a sibling folder a `requires:` can name.
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("iso").path, withDestinationPath: iso)
        return dir
    }

    /// An extending pack's folder: `pack.yaml` and its rule file.
    static func extra(_ folder: String = "extra", id: String = "extra", requires: String = "[{path: ../iso, version: '>=2.0.0 <3'}]",
                      body: String = "", ruleID: String = "EXTRA-001") -> [String: String] {
        [folder + "/pack.yaml": "pack: \(id)\ntitle: Extra\nversion: 1.0.0\nrequires: \(requires)\n\(body)rules: [rules.yaml]\n",
         folder + "/rules.yaml": """
        rules:
          - id: \(ruleID)
            clause: "8.3.3"
            title: Every live service has a reviewed SLA
            severity: minor
            stage: documentation
            each: services
            as: svc
            key: svc.id
            when: svc.status == 'live'
            assert: has(svc.sla) && now - date(svc.sla.reviewed_on) <= year
            message: Service {svc.id} has no reviewed SLA
            remediation: Agree one.
        """]
    }

    /// Each diagnostic as `file-name:line: message`.
    static func errors(_ paths: [String]) -> [String] {
        do {
            _ = try PackLoader.load(paths: paths)
            return []
        } catch {
            return error.diagnostics.map { "\(($0.location.file as NSString).lastPathComponent):\($0.location.line): \($0.message)" }
        }
    }

    @Test func theExamplePackExtendsTheShippedOne() throws {
        let pack = try PackLoader.load(path: Self.acme)
        #expect(pack.id == "acme-extra")
        #expect(pack.components.map(\.id) == ["iso20000-1", "acme-extra"])
        let own = pack.rules.filter { $0.pack == "acme-extra" }.map(\.id)
        #expect(own == ["ACME-001", "ACME-002"])
        let shipped = try PackLoader.load(path: Self.iso)
        #expect(pack.rules.count == shipped.rules.count + 2)
        #expect(pack.rules.prefix(shipped.rules.count).allSatisfy { $0.pack == "iso20000-1" })
        // The required pack's schema, parameters and lets are the composition's.
        #expect(pack.schemaPack == "iso20000-1")
        #expect(pack.sections == shipped.sections)
        #expect(pack.parameters.map(\.name) == shipped.parameters.map(\.name))
    }

    @Test func aPackReachedTwiceCountsOnce() throws {
        let pack = try PackLoader.load(paths: [Self.iso, Self.acme, Self.iso])
        #expect(pack.components.map(\.id) == ["iso20000-1", "acme-extra"])
        #expect(Set(pack.rules.map(\.id)).count == pack.rules.count)
        #expect(pack.id == "iso20000-1 + acme-extra")
    }

    @Test func aRuleIDTwoPacksDefineIsALocatedError() throws {
        let dir = try Self.folder(Self.extra(ruleID: "SLM-001"))
        let found = Self.errors([dir.appendingPathComponent("extra").path])
        #expect(found == ["rules.yaml:2: duplicate rule id 'SLM-001': pack 'extra' and an earlier pack both define it"])
    }

    @Test func twoIndependentPacksWithOneRuleIDClash() throws {
        let own = "pack: own\ntitle: Own\nversion: 1.0.0\nclauses: [{number: '8.1', title: Plan, parent: null}]\nrules:\n  - {id: SLM-001, clause: '8.1', title: t, severity: minor, stage: operation, assert: 'true', message: m, remediation: r}\n"
        let dir = try Self.folder(["own.yaml": own])
        let found = Self.errors([Self.iso, dir.appendingPathComponent("own.yaml").path])
        #expect(found == ["own.yaml:6: duplicate rule id 'SLM-001': pack 'own' and an earlier pack both define it"])
    }

    @Test(arguments: [
        (">=3", "pack.yaml:4: required pack 'iso20000-1' at '../iso' is version 2.0.0, outside '>=3'"),
        ("~2.1", "pack.yaml:4: required pack 'iso20000-1' at '../iso' is version 2.0.0, outside '~2.1'"),
        ("2.0", ""),
        ("^2", ""),
        (">=2.0.0, <2.0.1", ""),
        ("latest", "pack.yaml:4: 'latest' is not a version comparison (such as >=2.0.0, <3, ^2.1, ~2.1.0 or 2.1.0)"),
        ("2.0.0-beta", "pack.yaml:4: '2.0.0-beta' is not a version comparison (such as >=2.0.0, <3, ^2.1, ~2.1.0 or 2.1.0)"),
    ])
    func versionConstraints(constraint: String, expected: String) throws {
        let dir = try Self.folder(Self.extra(requires: "[{path: ../iso, version: '\(constraint)'}]"))
        #expect(Self.errors([dir.appendingPathComponent("extra").path]) == (expected.isEmpty ? [] : [expected]))
    }

    @Test(arguments: [
        ("[{path: /etc, version: '1'}]", "pack.yaml:4: required pack '/etc' must be a path relative to this pack's folder"),
        ("[{path: ../nowhere, version: '1'}]", "pack.yaml:4: required pack '../nowhere' is not a folder holding a pack.yaml"),
        ("[{path: ../iso/pack.yaml, version: '2'}]", "pack.yaml:4: required pack '../iso/pack.yaml' is not a folder holding a pack.yaml"),
        ("[{path: ../iso}]", "pack.yaml:4: a 'requires' entry is missing required field 'version'"),
        ("[{path: ../iso, version: '2', pin: true}]", "pack.yaml:4: unknown field 'pin' in a 'requires' entry"),
        ("../iso", "pack.yaml:4: 'requires' must be a list of {path, version}"),
    ])
    func badRequirements(requires: String, expected: String) throws {
        let dir = try Self.folder(Self.extra(requires: requires))
        let found = Self.errors([dir.appendingPathComponent("extra").path])
        #expect(found.first == expected, "\(found)")
    }

    @Test func aCycleIsALocatedError() throws {
        let dir = try Self.folder(Self.extra("a", id: "a", requires: "[{path: ../b, version: '1'}]", ruleID: "A-1")
            .merging(Self.extra("b", id: "b", requires: "[{path: ../a, version: '1'}]", ruleID: "B-1")) { a, _ in a })
        let found = Self.errors([dir.appendingPathComponent("a").path])
        #expect(found.contains("pack.yaml:4: required pack '../a' requires this pack in turn: packs cannot require each other in a cycle"))
    }

    @Test func anExtendingPackCannotRedefineWhatItRequires() throws {
        let dir = try Self.folder(Self.extra(body: "let:\n  year: days(400)\n")
            .merging(Self.extra("schema", id: "schema", body: "schema: {file: s.json, clause: '7.5.3'}\n")) { a, _ in a }
            .merging(["schema/s.json": "{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\", \"type\": \"object\"}"]) { a, _ in a })
        #expect(Self.errors([dir.appendingPathComponent("extra").path]) == ["pack.yaml:6: 'let' name 'year' is already defined by a required pack"])
        #expect(Self.errors([dir.appendingPathComponent("schema").path])
                == ["pack.yaml:5: this pack requires 'iso20000-1', which declares the snapshot schema; a pack that extends another declares none"])
    }

    @Test func theSamePackFromTwoFoldersIsAnError() throws {
        let dir = try Self.folder(["copy/pack.yaml": "pack: iso20000-1\ntitle: Copy\nversion: 2.0.0\nclauses: [{number: '8.1', title: Plan, parent: null}]\nrules: []\n"])
        let found = Self.errors([Self.iso, dir.appendingPathComponent("copy").path])
        #expect(found == ["pack.yaml:1: pack 'iso20000-1' is loaded from two places"])
    }
}
