import ClauseDiagnostics
import ClauseDocument
import ClauseValue
import Foundation
import Testing

/// One case of JSON-Schema-Test-Suite: a schema, an instance and whether it is valid.
struct TestSuiteCase: Sendable, CustomTestStringConvertible {
    /// One group of a file: a schema and its cases.
    struct Group: Sendable {
        var file: String
        var description: String
        var schema: Value
        var schemaMark: SourceMark
        var source: SourceText
        var cases: [TestSuiteCase]

        /// The key the expected-skip list names a group by.
        var key: String { "\(file) | \(description)" }
    }

    var file: String
    var group: String
    var description: String
    var data: Value
    var dataMark: SourceMark
    var valid: Bool

    var testDescription: String { "\(file) / \(group) / \(description)" }

    /// The suite's folder, relative to the fixtures.
    static let suite = "JSON-Schema-Test-Suite/draft2020-12"

    /// The files copied from the suite, as paths relative to `suite`.
    static let files = [
        "additionalProperties.json", "allOf.json", "anyOf.json", "const.json", "defs.json", "enum.json",
        "exclusiveMaximum.json", "exclusiveMinimum.json", "items.json", "maxItems.json", "maxLength.json",
        "maximum.json", "minItems.json", "minLength.json", "minimum.json", "not.json", "oneOf.json",
        "pattern.json", "properties.json", "ref.json", "required.json", "type.json", "uniqueItems.json",
        "optional/format/date.json", "optional/format/date-time.json",
    ]

    /// Every group of every file, loaded with the project's strict JSON parser.
    static let groups: [Group] = files.flatMap { file -> [Group] in
        var options = LoadOptions()
        options.format = .json
        guard let document = try? DocumentLoader.load(path: FixturePaths.path(suite, file), options: options).first,
              case .list(let groups) = document.root
        else { return [] }
        return groups.compactMap { entry -> Group? in
            guard case .map(let group) = entry, let description = group["description"]?.stringValue,
                  let schemaAt = group.position(ofString: "schema"), case .list(let tests)? = group["tests"]
            else { return nil }
            var cases: [TestSuiteCase] = []
            for test in tests {
                guard case .map(let test) = test, let name = test["description"]?.stringValue,
                      let dataAt = test.position(ofString: "data"), case .bool(let valid)? = test["valid"]
                else { continue }
                cases.append(TestSuiteCase(file: file, group: description, description: name,
                                           data: test.value(at: dataAt), dataMark: test.mark(at: dataAt), valid: valid))
            }
            return Group(file: file, description: description, schema: group.value(at: schemaAt),
                         schemaMark: group.mark(at: schemaAt), source: document.source, cases: cases)
        }
    }

    /// The groups expected not to compile, from `Fixtures/expected-skips.txt` (`file | group`,
    /// then ` | reason`).
    static let expectedSkips: [String] = {
        guard let text = try? String(contentsOfFile: FixturePaths.path("expected-skips.txt"), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#"), !line.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
            let fields = line.components(separatedBy: " | ")
            return fields.count >= 2 ? "\(fields[0]) | \(fields[1])" : String(line)
        }
    }()

    /// The cases of every group not on the skip list.
    static let runnable: [TestSuiteCase] = {
        let skips = Set(expectedSkips)
        return groups.filter { !skips.contains($0.key) }.flatMap(\.cases)
    }()

    static let schemaSources: [String: Group] = Dictionary(groups.map { ("\($0.file) | \($0.description)", $0) }, uniquingKeysWith: { a, _ in a })
}
