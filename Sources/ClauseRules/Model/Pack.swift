import ClauseDiagnostics
import ClauseExpression
import ClauseSchema

/// One pack of a composition, as reports name it.
public struct PackComponent: Sendable, Equatable {
    /// The pack's `pack:` id, which findings name as their `pack`.
    public var id: String
    /// The pack's title, as reports show it.
    public var title: String
    /// The pack's version as its pack.yaml writes it.
    public var version: String
    /// The pack's folder or file, as reached (given, or through a `requires:` path).
    public var path: String
}

/// A loaded, validated rule pack: every expression compiled, every clause known. It may be the
/// composition of several packs (`--pack` repeated, or a pack's `requires:`): then `components`
/// lists them in the order their rules run, and id, title and version are those of the packs
/// asked for.
public struct Pack: Sendable {
    /// The pack's `pack:` id; for a composition, those of the packs asked for, joined by ` + `.
    public var id: String
    /// The pack's title; for a composition, those of the packs asked for, joined by ` + `.
    public var title: String
    /// The pack's version; for a composition, those of the packs asked for, joined by ` + `.
    public var version: String
    /// The pack's folder or file, as given.
    public var path: String
    /// The clauses rules may cite, with their titles; merged across composed packs, first title kept.
    public var catalogue: [ClauseEntry]
    /// Values the pack leaves to the organisation, read by rules like `let` names.
    public var parameters: [Parameter]
    /// Named expressions usable in every rule, in the order written (a `let` may use earlier ones).
    public var lets: [(name: String, program: Program)]
    /// The rules in the order they run: those of required packs first, then in the order written.
    public var rules: [Rule]
    /// The snapshot schema the pack reads (`schema.file`): snapshots are validated against it
    /// before any rule runs, so a misspelt, mistyped or out-of-set value cannot drop a record.
    public var schema: JSONSchema?
    /// The clause a schema finding cites when its field lies outside every evidence section.
    public var schemaClause: String?
    /// The sections the pack's clauses need (`evidence:`), in the order written.
    public var evidence: [EvidenceRequirement]
    /// The packs composed into this one, required ones first; one for a pack on its own.
    public var components: [PackComponent]
    /// The id of the component whose schema this is: findings of the snapshot's own checks are
    /// that pack's.
    public var schemaPack: String?

    /// Makes a single pack, its own only component; `PackComposer` joins several into one.
    public init(id: String, title: String, version: String, path: String, catalogue: [ClauseEntry], parameters: [Parameter] = [],
                lets: [(name: String, program: Program)], rules: [Rule], schema: JSONSchema? = nil,
                schemaClause: String? = nil, evidence: [EvidenceRequirement] = []) {
        self.id = id
        self.title = title
        self.version = version
        self.path = path
        self.catalogue = catalogue
        self.parameters = parameters
        self.lets = lets
        self.rules = rules
        self.schema = schema
        self.schemaClause = schemaClause
        self.evidence = evidence
        self.components = [PackComponent(id: id, title: title, version: version, path: path)]
        self.schemaPack = schema == nil ? nil : id
    }

    /// The catalogue entry for a clause number, for its title; nil when the catalogue lacks it.
    public func clause(_ number: String) -> ClauseEntry? {
        catalogue.first { $0.number == number }
    }

    /// The snapshot sections rules may read as variables: the schema's top-level properties.
    public var sections: [String] { schema?.rootProperties ?? [] }
}
