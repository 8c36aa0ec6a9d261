import ClauseDiagnostics
import ClauseRules
import Foundation
import Testing

/// A pack folder from a pull request may hold anything: a FIFO must not hang the load, and a
/// link out of the folder must not be read (or quoted in an error).
@Suite struct PackConfinementTests {
    static func pack() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clause-pack-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "pack: p\ntitle: P\nversion: 1.0.0\nclauses: clauses.yaml\n".write(to: dir.appendingPathComponent("pack.yaml"), atomically: true, encoding: .utf8)
        try "- {number: '8.1', title: Plan, parent: null}\n".write(to: dir.appendingPathComponent("clauses.yaml"), atomically: true, encoding: .utf8)
        return dir
    }

    static func messages(_ dir: URL) -> [String] {
        do {
            _ = try PackLoader.load(path: dir.path)
            return []
        } catch {
            return error.diagnostics.map(\.message)
        }
    }

    @Test func aFIFOAmongTheRuleFilesIsAnErrorNotAHang() throws {
        let dir = try Self.pack()
        #expect(mkfifo(dir.appendingPathComponent("rules.yaml").path, 0o600) == 0)
        #expect(Self.messages(dir) == ["rule file 'rules.yaml' is not a regular file"])
    }

    @Test func aFIFOAsPackFileIsAnErrorNotAHang() throws {
        let dir = try Self.pack()
        try FileManager.default.removeItem(at: dir.appendingPathComponent("pack.yaml"))
        #expect(mkfifo(dir.appendingPathComponent("pack.yaml").path, 0o600) == 0)
        #expect(Self.messages(dir) == ["not a regular file"])
    }

    @Test func aRuleFileLinkedFromOutsideIsNotRead() throws {
        let dir = try Self.pack()
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("clause-secret-\(UUID().uuidString).yaml")
        try "TOKEN=hunter2\n".write(to: secret, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("rules.yaml").path, withDestinationPath: secret.path)
        let found = Self.messages(dir)
        #expect(found == ["rule file 'rules.yaml' is outside the pack's folder"])
        #expect(!found.joined().contains("hunter2"))
    }

    static let inlineRule = """
    pack: p
    title: P
    version: 1.0.0
    clauses: [{number: '8.1', title: Plan}]
    rules:
      - {id: R-1, clause: '8.1', title: t, severity: major, stage: operation, each: services, key: it.id,
         assert: it.live, message: m, tests: []}

    """

    /// A single-file pack holds its rules inline; a folder names rule files. Each shape is read
    /// as what it is, and a `rules:` that is neither is an error rather than an empty pack.
    @Test func aSingleFilePackReadsItsInlineRules() throws {
        let dir = try Self.pack()
        let file = dir.appendingPathComponent("single.yaml")
        try Self.inlineRule.write(to: file, atomically: true, encoding: .utf8)
        #expect(try PackLoader.load(path: file.path).rules.map(\.id) == ["R-1"])

        try Self.inlineRule.replacingOccurrences(of: "rules:\n  - {", with: "rules:\n  r: {").write(to: file, atomically: true, encoding: .utf8)
        #expect(Self.messages(file) == ["'rules' must be a list of rules"])
    }
}
