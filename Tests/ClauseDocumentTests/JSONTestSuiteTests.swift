import ClauseDocument
import ClauseValue
import Foundation
import Testing

/// JSONTestSuite's parsing cases through the strict JSON parser (licence in Fixtures/LICENSES.txt).
///
/// `y_` expectations were written by Python's `json` module into `JSONTestSuite-expected.json`
/// in the form `clause dump` prints (integers outside Int64 as doubles).
@Suite struct JSONTestSuiteTests {
    static let files = FixturePaths.contents(of: "JSONTestSuite")
    static let expected: [String: String] = {
        guard let data = FileManager.default.contents(atPath: FixturePaths.path("JSONTestSuite-expected.json")),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: String]
        else { return [:] }
        return object
    }()

    static func load(_ name: String, options: LoadOptions = LoadOptions()) throws(DocumentError) -> [Document] {
        var options = options
        options.format = .json
        return try DocumentLoader.load(path: FixturePaths.path("JSONTestSuite", name), options: options)
    }

    /// RFC 8259 mode: repeated names allowed, as the suite requires.
    static var rfcOptions: LoadOptions {
        var options = LoadOptions()
        options.rejectDuplicateKeys = false
        return options
    }

    @Test func suiteIsComplete() {
        #expect(Self.files.count == 252)
        #expect(Self.expected.count == Self.files.filter { $0.hasPrefix("y_") }.count)
    }

    @Test(arguments: files.filter { $0.hasPrefix("y_") })
    func acceptsValidWithTheRightValue(name: String) throws {
        let documents = try Self.load(name, options: Self.rfcOptions)
        #expect(documents.count == 1)
        #expect(JSONWriter.string(documents[0].root) == Self.expected[name])
    }

    @Test(arguments: files.filter { $0.hasPrefix("n_") })
    func rejectsInvalidWithALocation(name: String) {
        #expect(throws: DocumentError.self) { try Self.load(name, options: Self.rfcOptions) }
        do {
            _ = try Self.load(name, options: Self.rfcOptions)
        } catch {
            #expect(error.location.line >= 1 && error.location.column >= 1, "\(error.rendered)")
        }
    }

    @Test(arguments: files.filter { $0.hasPrefix("i_") })
    func implementationDefinedNeverCrashes(name: String) {
        // Either answer is allowed; reaching the end without a crash or hang is the test.
        let outcome = Result { try Self.load(name) }
        if case .failure(let error as DocumentError) = outcome {
            #expect(error.location.line >= 1)
        }
    }

    @Test func duplicateNamesAreRejectedByDefault() {
        #expect(throws: DocumentError.self) { try Self.load("y_object_duplicated_key.json") }
    }
}
