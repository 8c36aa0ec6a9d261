import Foundation

/// `--format json`: the `clause-results/1` schema (docs/results.md), keys sorted, so the same
/// inputs give the same bytes.
public enum JSONReporter {
    public static func render(_ report: CheckReport) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(report) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    public static func decode(_ bytes: [UInt8]) throws -> CheckReport {
        try JSONDecoder().decode(CheckReport.self, from: Data(bytes))
    }
}
