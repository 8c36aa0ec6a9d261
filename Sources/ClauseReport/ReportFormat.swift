import ClauseRules

/// The registry of reporters, keyed by `--format`: each is a pure function of the report.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text, json
    case sarif, junit, markdown
    case html
    case codequality

    /// Renders `report`; `colour` only matters for text on a terminal, `listing` for text and
    /// Markdown (the other formats always list every finding).
    public func render(_ report: CheckReport, colour: Bool = false, listing: Listing = Listing()) -> String {
        switch self {
        case .text: TextReporter.render(report, colour: colour, listing: listing)
        case .json: JSONReporter.render(report)
        case .sarif: SARIFReporter.render(report)
        case .junit: JUnitReporter.render(report)
        case .markdown: MarkdownReporter.render(report, listing: listing)
        case .html: HTMLReporter.render(report)
        case .codequality: CodeQualityReporter.render(report)
        }
    }
}
