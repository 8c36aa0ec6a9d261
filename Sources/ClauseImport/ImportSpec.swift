import ClauseDiagnostics
import ClauseExpression
import ClauseValue

/// An export file and how to read its rows: what a section or a join of a manifest names.
struct ExportSpec: Sendable {
    enum Format: String, Sendable, CaseIterable {
        case csv, json, markdown
    }

    /// The path as written in the manifest, relative to its folder.
    var name: String
    /// The path to open (manifest folder + name), also the file named in messages.
    var path: String
    var mark: SourceMark
    var format: Format
    var delimiter: UInt8
    /// JSON: the keys leading to the list of records; empty when the file is the list.
    var records: [String]
    /// Cell values that mean "no value": they become null.
    var missing: Set<String>
    var filter: Program?
    /// The columns the expressions over this export's rows read.
    var columns: [ColumnUse]
    /// When every expression reads `row` only by column name: those columns, the only ones
    /// a row is built with (a wide export's other cells are never turned into values). Nil
    /// when an expression uses `row` as a whole, or the rows are joined to another section's.
    var onlyColumns: Set<String>? = nil
}

/// One snapshot field of a section and the expression that gives it.
struct FieldMapping: Sendable {
    /// The field, split at dots: `sla.breached` builds a nested map.
    var target: [String]
    var program: Program
    /// The export column the expression reads, when it reads one: the field's mark is then
    /// that cell's, not the row's.
    var column: String?
    /// Export value → snapshot value; a value missing from the map rejects the record.
    var values: [String: Value]?
    /// The expression is only `row.<column>`: the cell is taken as it is, without evaluating.
    var direct = false

    /// The field as written in the manifest, for messages.
    var name: String { target.joined(separator: ".") }
}

/// Rows of a second export attached to each record of the first.
struct JoinSpec: Sendable {
    var name: String
    var export: ExportSpec
    var on: Program
    var to: Program
}

/// How one snapshot section is built from an export.
struct SectionImport: Sendable {
    var name: String
    var mark: SourceMark
    var export: ExportSpec
    var key: Program?
    var latestBy: Program?
    var joins: [JoinSpec]
    var fields: [FieldMapping]
    /// `system`, `export`, `extracted_at` and `period` (from `covers`), as written.
    var provenance: [(String, Value)]
}

/// A section taken as written from a hand-kept file.
struct IncludedFile: Sendable {
    var name: String
    var path: String
    var mark: SourceMark
}

/// A loaded snapshot manifest: everything checked that can be checked before reading exports.
public struct Manifest: Sendable {
    /// The manifest file: exports and includes are read relative to its folder.
    public let path: String
    let source: SourceText
    let asOf: (Value, SourceMark)?
    let period: (Value, SourceMark)?
    let includes: [IncludedFile]
    let sections: [SectionImport]
}
