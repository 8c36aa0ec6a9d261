import Foundation
import Testing

@Suite struct DumpCommandTests {
    static func write(_ bytes: [UInt8], name: String) throws -> URL {
        let url = try CLIRunner.temporaryDirectory().appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    @Test func printsOneJSONLinePerDocument() throws {
        let file = try Self.write(Array("country: NO\nsla: 99.9\nseen: 2026-03-01\n---\n- .nan\n- !!str 1\n".utf8), name: "in.yaml")
        let out = try CLIRunner.run(["dump", file.path])
        #expect(out.status == 0)
        #expect(out.stdout == "{\"country\":\"NO\",\"sla\":99.9,\"seen\":\"2026-03-01\"}\n[{\"$float\":\"NaN\"},\"1\"]\n")
    }

    static let hostile: [(String, [UInt8], String)] = [
        ("deep.yaml", Array(String(repeating: "[", count: 100_000).utf8), "deep.yaml:1:513: error: nesting deeper than 512 levels"),
        ("deep.json", Array(String(repeating: "[", count: 100_000).utf8), "deep.json:1:513: error: nesting deeper than 512 levels"),
        ("bad.yaml", Array("a: \"x".utf8) + [0xFF] + Array("\"\n".utf8), "bad.yaml:1:6: error: invalid UTF-8"),
        ("bad.json", Array("[\"x".utf8) + [0xFF] + Array("\"]".utf8), "bad.json:1:4: error: invalid UTF-8"),
        ("nul.yaml", Array("a: b\n".utf8) + [0], "nul.yaml:2:1: error:"),
        ("nul.json", [0x5B, 0x00, 0x5D], "nul.json:1:2: error: unexpected byte 0x0"),
        ("cut.yaml", Array("a:\n  - [1, 2\n".utf8), "cut.yaml:3:1: error:"),
        ("cut.json", Array("{\"a\": [1, 2".utf8), "cut.json:1:12: error: unexpected end of file"),
        ("empty.yaml", [], "empty.yaml:1:1: error: the file holds no document"),
        ("empty.json", [], "empty.json:1:1: error: the file holds no JSON value"),
        ("laughs.yaml", Array(("a: &a [x,x,x,x,x,x,x,x,x]\n" + (1...9).map { "l\($0): &l\($0) [" + Array(repeating: $0 == 1 ? "*a" : "*l\($0 - 1)", count: 9).joined(separator: ",") + "]" }.joined(separator: "\n") + "\n").utf8), "alias bomb"),
    ]

    @Test(arguments: hostile)
    func hostileInputExitsTwoWithALocatedMessage(name: String, bytes: [UInt8], expected: String) throws {
        let file = try Self.write(bytes, name: name)
        let out = try CLIRunner.run(["dump", file.path])
        #expect(out.status == 2)
        #expect(out.stdout.isEmpty)
        #expect(out.stderr.contains(expected), "\(out.stderr)")
        #expect(out.stderr.contains(file.path + ":"))
    }

    @Test func missingFileIsBadInput() throws {
        let out = try CLIRunner.run(["dump", "/nonexistent/snapshot.yaml"])
        #expect(out.status == 2)
        #expect(out.stderr.contains("/nonexistent/snapshot.yaml: error: no such file"))
    }
}
