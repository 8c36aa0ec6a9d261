import ClauseDiagnostics
import ClauseDocument
import ClauseValue
import Foundation
import Testing

/// A large JSON array parsed on both cores must give exactly what the one-core parse gives:
/// the same values and the same marks, and errors at the same place.
@Suite struct ParallelJSONTests {
    /// About 6 MB: multi-byte text (columns count scalars), CRLF and LF line ends, nesting.
    static let big: [UInt8] = {
        var text = "{\"as_of\": \"2026-06-30\",\r\n \"services\": [\n"
        for i in 0..<48_000 {
            text += "  {\"id\": \"svc-\(i)\", \"name\": \"Sérvice ü \(i)\", \"tags\": [\"a\", {\"k\": [\(i), \(Double(i) / 4)]}], \"ok\": \(i % 3 == 0)}"
            text += i % 2 == 0 ? ",\n" : ",\r\n"
        }
        text += "  {\"id\": \"last\"}\n ],\n \"incidents\": [1, 2]\n}\n"
        return Array(text.utf8)
    }()

    static func load(_ bytes: [UInt8], parallel: Bool) -> Result<Document, DocumentError> {
        var options = LoadOptions()
        options.format = .json
        options.parallel = parallel
        return Result { () throws(DocumentError) in try DocumentLoader.load(bytes: bytes, name: "big.json", options: options)[0] }
    }

    @Test func bothCoresGiveTheSameTreeAndMarks() throws {
        #expect(Self.big.count > 4 << 20)
        let parallel = try Self.load(Self.big, parallel: true).get()
        let sequential = try Self.load(Self.big, parallel: false).get()
        #expect(TreeComparison.same(parallel.root, sequential.root))
        let services = try #require(parallel.root["services"]?.listValue)
        #expect(services.count == 48_001)
        #expect(services.mark(at: 39_999) == sequential.root["services"]?.listValue?.mark(at: 39_999))
    }

    /// A mistake on the line of service N (line N + 3), in either half of the split.
    @Test(arguments: [
        (30_000, "\"svc-30000\", \"name\":", "\"svc-30000\", \"name\""),
        (10, "\"svc-10\",", "\"svc-10\",,"),
        (35_000, "\"svc-35000\"", "\"\\uD800\""),
    ])
    func errorsAreReportedWhereTheyAre(service: Int, original: String, broken: String) throws {
        let text = String(decoding: Self.big, as: UTF8.self)
        let changed = text.replacingOccurrences(of: original, with: broken)
        #expect(changed != text)
        guard case .failure(let parallel) = Self.load(Array(changed.utf8), parallel: true),
              case .failure(let sequential) = Self.load(Array(changed.utf8), parallel: false) else {
            Issue.record("broken input was accepted")
            return
        }
        #expect(parallel.rendered == sequential.rendered)
        #expect(parallel.location.line == service + 3)
    }
}
