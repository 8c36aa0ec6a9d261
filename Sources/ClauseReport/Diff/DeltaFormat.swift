import Foundation

/// The registry of delta reporters, keyed by `clause diff --format`: each is a pure function of
/// the delta, so the same inputs give the same bytes.
public enum DeltaFormat: String, Sendable, CaseIterable {
    case text, json, markdown, html

    /// Renders `delta`; `colour` only matters for text on a terminal.
    public func render(_ delta: Delta, colour: Bool = false) -> String {
        switch self {
        case .text: DeltaTextReporter.render(delta, colour: colour)
        case .json: DeltaJSONReporter.render(delta)
        case .markdown: DeltaMarkdownReporter.render(delta)
        case .html: DeltaHTMLReporter.render(delta)
        }
    }
}

/// `clause diff --format json`: the `clause-delta/1` document, keys sorted.
public enum DeltaJSONReporter {
    /// The delta as sorted, pretty-printed JSON, ending with a newline.
    public static func render(_ delta: Delta) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(delta) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Reads a `clause-delta/1` document back.
    public static func decode(_ bytes: [UInt8]) throws -> Delta {
        try JSONDecoder().decode(Delta.self, from: Data(bytes))
    }
}
