import ClauseDocument
import ClauseValue
import Foundation
import Testing

/// Input meant to crash, hang or exhaust the loader must fail fast with a located error.
@Suite struct HostileInputTests {
    static func yaml(_ text: String) throws(DocumentError) -> [Document] {
        try DocumentLoader.load(bytes: Array(text.utf8), name: "in.yaml")
    }

    static func error(_ bytes: [UInt8], json: Bool = false) -> DocumentError? {
        var options = LoadOptions()
        options.format = json ? .json : .yaml
        do {
            _ = try DocumentLoader.load(bytes: bytes, name: json ? "in.json" : "in.yaml", options: options)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [false, true])
    func deepNestingStopsEarly(json: Bool) throws {
        let bytes = Array(String(repeating: "[", count: 100_000).utf8) + Array(String(repeating: "]", count: 100_000).utf8)
        let clock = ContinuousClock()
        var failure: DocumentError?
        let elapsed = clock.measure { failure = Self.error(bytes, json: json) }
        let error = try #require(failure)
        #expect(error.kind == .tooDeep)
        #expect(error.location.line == 1 && error.location.column == 513)
        #expect(elapsed < .seconds(5))
    }

    @Test func deepBlockNestingInYAML() throws {
        var text = ""
        for depth in 0..<2000 { text += String(repeating: " ", count: depth) + "- \n" }
        let error = try #require(Self.error(Array(text.utf8)))
        #expect(error.kind == .tooDeep)
    }

    @Test(arguments: [false, true])
    func invalidUTF8IsLocated(json: Bool) throws {
        let bytes: [UInt8] = json ? Array("{\"a\": \"x".utf8) + [0xC3, 0x28] + Array("\"}".utf8) : Array("a: x".utf8) + [0xC3, 0x28] + [0x0A]
        let error = try #require(Self.error(bytes, json: json))
        #expect(error.kind == .encoding)
        #expect(error.message.contains("invalid UTF-8"))
        #expect(error.location.line == 1)
    }

    @Test(arguments: [false, true])
    func nulByteIsRejected(json: Bool) throws {
        let bytes: [UInt8] = json ? Array("{\"a\": 1,".utf8) + [0] + Array("}".utf8) : Array("a: 1\nb: ".utf8) + [0] + [0x0A]
        let error = try #require(Self.error(bytes, json: json))
        #expect(error.location.line >= 1)
        #expect(error.rendered.contains("^"))
    }

    @Test(arguments: [false, true])
    func truncatedFileIsLocated(json: Bool) throws {
        let text = json ? "{\"services\": [{\"id\": \"s1\", \"name\": \"CRM" : "services:\n  - id: s1\n    name: \"CRM"
        let error = try #require(Self.error(Array(text.utf8), json: json))
        #expect(error.location.line >= 1)
    }

    @Test(arguments: [false, true])
    func emptyFileIsAnError(json: Bool) throws {
        let error = try #require(Self.error([], json: json))
        #expect(error.kind == .empty)
        #expect(error.location.line == 1 && error.location.column == 1)
    }

    @Test func billionLaughsFailsFast() throws {
        var text = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
            previous = name
        }
        let clock = ContinuousClock()
        var failure: DocumentError?
        let elapsed = clock.measure { failure = Self.error(Array(text.utf8)) }
        let error = try #require(failure)
        #expect(error.kind == .aliasExpansion)
        #expect(error.message.contains("alias bomb"))
        #expect(elapsed < .seconds(2))
    }

    @Test func ordinaryAliasesAreFine() throws {
        let docs = try Self.yaml("base: &b {x: 1}\nuse: [*b, *b, *b]\n")
        #expect(docs[0].root["use"]?.listValue?.count == 3)
    }
}
