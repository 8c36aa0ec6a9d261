/// One node of a parsed expression; `id` indexes the position side table of its `SyntaxTree`.
struct Expr {
    var id: Int
    var kind: ExprKind
}

/// The comprehension macros, planned into dedicated loops rather than a generic fold.
enum MacroKind: Equatable {
    case all, exists, existsOne, map, mapFilter, filter
    case optMap, optFlatMap
    case all2, exists2, existsOne2, transformList, transformListFilter, transformMap, transformMapFilter
}

struct MapEntry {
    var key: Expr
    var value: Expr
    var optional: Bool
}

indirect enum ExprKind {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case string(String)
    case bytes([UInt8])
    /// A name; `absolute` when written with a leading dot (`.y`).
    case ident(String, absolute: Bool)
    case select(Expr, String, optional: Bool)
    case has(Expr, String)
    case index(Expr, Expr, optional: Bool)
    case call(String, target: Expr?, args: [Expr])
    case list([Expr], optional: [Bool])
    case map([MapEntry])
    case message(String, fields: [(String, Expr, Bool)])
    case comprehension(MacroKind, target: Expr, vars: [String], args: [Expr])
    case bind(String, Expr, Expr)
}

/// A parsed expression and the byte offset of each of its nodes.
struct SyntaxTree {
    var root: Expr
    var offsets: [Int]
}
