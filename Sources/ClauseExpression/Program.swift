import ClauseDiagnostics
import ClauseValue

/// Resource limits of compilation and evaluation; the defaults suit rule packs over snapshots.
public struct Limits: Sendable, Hashable {
    /// Deepest nesting of parentheses, lists, maps, calls and operators the parser accepts.
    public var maxNestingDepth = 250
    /// Steps one evaluation may take (function calls, comprehension iterations, list scans).
    public var costBudget = 10_000_000
    /// Elements one comprehension (`all`, `exists`, `map`, ...) may iterate over.
    public var maxIterations = 1_000_000
    /// Largest string or bytes value, in UTF-8 bytes, that concatenation and functions may build.
    public var maxStringSize = 1 << 20
    /// Largest list that concatenation, `map` and `filter` may build.
    public var maxListSize = 1_000_000
    /// Bytes of strings, bytes, lists and maps one evaluation may build in all. Each value
    /// alone is within the limits above, yet a comprehension can build a million of them: this
    /// bounds an evaluation's memory, and so a run's (a few evaluations at a time, one per core).
    public var maxBuiltBytes = 64 << 20

    /// The defaults documented in docs/expressions.md.
    public init() {}
}

/// What an expression may refer to: the declared variable names, the container used to resolve
/// names, and whether the checker runs.
public struct Environment: Sendable {
    /// Declared variable names; qualified names such as `x.y` are allowed.
    public var variables: [String]
    /// Resolve unknown names at run time through the activation instead of rejecting them.
    public var allowUndeclared: Bool
    /// The namespace names are resolved in (CEL's container), such as `com.example`.
    public var container: String
    /// When false, unknown functions and impossible calls fail at run time instead of compile time.
    public var checked: Bool
    /// Expand `has`, `all`, `exists`, `exists_one`, `map`, `filter` and `cel.bind`.
    public var macros: Bool
    /// Resource limits for compiling and evaluating.
    public var limits: Limits
    /// Plan `L.exists(x, x.f == e)` and similar joins as hash-index lookups (see docs/expressions.md);
    /// the result is the same either way, so this is off only to compare against the plain loop.
    public var optimizeJoins: Bool
    /// Remember what a subexpression holding a comprehension gave for the values it read, and
    /// answer from that when they recur (see docs/expressions.md); the result is the same either
    /// way, so this is off only to compare against the plain evaluation.
    public var memoize: Bool

    /// An environment; with no arguments, no variables and the default limits.
    public init(variables: [String] = [], allowUndeclared: Bool = false, container: String = "",
                checked: Bool = true, macros: Bool = true, limits: Limits = Limits(), optimizeJoins: Bool = true,
                memoize: Bool = true) {
        self.variables = variables
        self.allowUndeclared = allowUndeclared
        self.container = container
        self.checked = checked
        self.macros = macros
        self.limits = limits
        self.optimizeJoins = optimizeJoins
        self.memoize = memoize
    }
}

/// Variable values for one evaluation.
public struct Activation: Sendable {
    /// Variable values by name.
    public var values: [String: Value]
    /// Asked for names missing from `values` (for example a lazily loaded document).
    public var fallback: (@Sendable (String) -> Value?)?

    /// An activation with `values`, asking `fallback` for other names.
    public init(_ values: [String: Value] = [:], fallback: (@Sendable (String) -> Value?)? = nil) {
        self.values = values
        self.fallback = fallback
    }

    /// The value of variable `name`, from `values` or else `fallback`.
    public func lookup(_ name: String) -> Value? {
        if let v = values[name] { return v }
        return fallback?(name)
    }
}

/// The result of an evaluation, including the kinds that are not document values.
public indirect enum EvalResult: Hashable, Sendable {
    case value(Value)
    /// A type value such as `int` (from `type(1)`), by its CEL name.
    case type(String)
    /// An optional value (the optionals extension); nil is `optional.none()`.
    case optional(EvalResult?)
}

/// An evaluation that failed: the message, and where in the expression (and file) it failed.
public struct EvaluationError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, lower-case (`no such key: 'sla'`).
    public var message: String
    /// Byte offset inside the expression of the failing operation, when known.
    public var offset: Int?
    /// The file location of that operation, when the program was compiled with an origin.
    public var location: SourceLocation?
    /// The path the failing call was given, as the expression names it (`it.sla.reviewed_on`),
    /// when exactly one of its arguments is such a path: a caller holding the variables' values
    /// can then say which field of its data held the value that failed.
    public var subject: [String]? = nil

    /// `file:line:col: error: message` when located in a file, else the message.
    public var description: String {
        if let location { return "\(location): error: \(message)" }
        return message
    }
}

/// The immutable parts of a program, behind one reference so that evaluating costs one retain.
final class Compiled: @unchecked Sendable {
    let root: Node
    let offsets: [Int]
    let localCount: Int
    let variables: [String]
    let undeclaredNames: [String]
    let source: String
    let origin: ExpressionOrigin?
    let limits: Limits
    /// Per call node, the one path among its arguments (see `EvaluationError.subject`).
    let subjects: [Int: [String]]

    init(root: Node, offsets: [Int], localCount: Int, variables: [String], undeclaredNames: [String], source: String,
         origin: ExpressionOrigin?, limits: Limits, subjects: [Int: [String]]) {
        self.root = root; self.offsets = offsets; self.localCount = localCount; self.variables = variables
        self.undeclaredNames = undeclaredNames; self.source = source; self.origin = origin; self.limits = limits
        self.subjects = subjects
    }

    /// Runs the plan with all slots in one stack allocation; nothing is allocated on the heap
    /// unless the expression itself builds values.
    @inline(__always)
    func run(activation: Activation?, bind: (UnsafeMutablePointer<RValue>) -> Void) -> RValue {
        let varCount = variables.count
        let total = varCount + localCount
        return withUnsafeTemporaryAllocation(of: RValue.self, capacity: max(total, 1)) { buf in
            let base = buf.baseAddress!
            bind(base)
            (base + varCount).initialize(repeating: .null, count: localCount)
            let r = eval(frame: base, activation: activation)
            base.deinitialize(count: total)
            return r
        }
    }

    /// Evaluates the plan on a frame already holding the variables, followed by the locals.
    @inline(__always)
    func eval(frame base: UnsafeMutablePointer<RValue>, activation: Activation?) -> RValue {
        var state = EvalState(limits: limits, activation: activation)
        return withUnsafeMutablePointer(to: &state) { sp in
            root.eval(Frame(vars: base, locals: base + variables.count, state: sp))
        }
    }

    func error(_ f: Fault) -> EvaluationError {
        let offset = f.node >= 0 && f.node < offsets.count ? offsets[f.node] : nil
        return EvaluationError(message: f.message, offset: offset, location: offset.flatMap { o in origin?.location(of: o, in: source) },
                               subject: subjects[f.node])
    }
}

/// A compiled CEL expression: parsed, checked and planned once, evaluated many times.
///
/// A program is immutable and can be evaluated from several threads at once.
public struct Program: Sendable {
    let compiled: Compiled

    /// The expression's text.
    public var source: String { compiled.source }
    /// The declared variables the expression uses, in the order `evaluate(slots:)` expects.
    public var variables: [String] { compiled.variables }
    /// Names the expression uses that were not declared (only with `allowUndeclared`): they are
    /// found through an `Activation` at run time, so such a program cannot run on slots alone.
    public var undeclaredNames: [String] { compiled.undeclaredNames }
    /// Where the expression came from, when the caller said.
    public var origin: ExpressionOrigin? { compiled.origin }
    /// The limits the program was compiled with, enforced on every evaluation.
    public var limits: Limits { compiled.limits }

    /// The variable and the fields read from it when the whole expression is one plain path
    /// (`inc.id`, `row['opened at']`): a caller holding the variable's value can take the field
    /// from it without evaluating, and evaluate only when the field is not there (for the
    /// error). Nil for any other expression.
    public var fieldPath: (variable: String, fields: [String])? {
        var node = compiled.root
        var fields: [String] = []
        while true {
            if let select = node as? SelectNode {
                fields.append(select.field)
                node = select.operand
            } else if let index = node as? IndexNode, !index.optional, case .value(.string(let key))? = index.key.constant {
                fields.append(key)
                node = index.operand
            } else if let variable = node as? VarNode, !fields.isEmpty {
                return (compiled.variables[variable.slot], fields.reversed())
            } else {
                return nil
            }
        }
    }

    /// Parses, checks and plans `source`; problems are diagnostics located in the expression, or
    /// in the file when `origin` says where the expression came from.
    public static func compile(_ source: String, environment: Environment = Environment(),
                               origin: ExpressionOrigin? = nil) throws(DiagnosticError) -> Program {
        let tree: SyntaxTree
        do {
            tree = try Parser.parse(source, maxDepth: environment.limits.maxNestingDepth, macros: environment.macros)
        } catch {
            throw diagnostic(source, origin, error.offset, error.message)
        }
        var planner = Planner(environment: environment, offsets: tree.offsets)
        if environment.memoize { _ = planner.analyseReads(tree.root) }
        let root: Node
        do {
            root = try planner.plan(tree.root)
        } catch {
            let all = (planner.errors + (error.recorded ? [] : [error])).sorted { $0.offset < $1.offset }
            throw all.dropFirst().reduce(into: diagnostic(source, origin, all[0].offset, all[0].message, notes: all[0].notes)) { result, e in
                result.diagnostics += diagnostic(source, origin, e.offset, e.message, notes: e.notes).diagnostics
            }
        }
        return Program(compiled: Compiled(root: root, offsets: tree.offsets, localCount: planner.localCount,
                                          variables: planner.varNames, undeclaredNames: planner.undeclaredNames,
                                          source: source, origin: origin,
                                          limits: environment.limits, subjects: planner.subjects))
    }

    static func diagnostic(_ source: String, _ origin: ExpressionOrigin?, _ offset: Int, _ message: String, notes: [String] = []) -> DiagnosticError {
        if let origin {
            return DiagnosticError(Diagnostic(.error, at: origin.location(of: offset, in: source), message, notes: notes))
        }
        let text = SourceText(name: "<expression>", text: source)
        let (line, column) = ExpressionOrigin.lineColumn(of: offset, in: source)
        return DiagnosticError(Diagnostic(.error, at: SourceLocation(file: "<expression>", line: line, column: column), message, notes: notes), source: text)
    }

    /// Evaluates with variables looked up by name; a type value comes back as its name string.
    public func evaluate(_ activation: Activation = Activation()) throws(EvaluationError) -> Value {
        try plain(runNamed(activation))
    }

    /// Evaluates with variable values given in the order of `variables` (no name lookups): the
    /// fast path for evaluating one program over many elements.
    public func evaluate(slots: [Value]) throws(EvaluationError) -> Value {
        let c = compiled
        precondition(slots.count == c.variables.count, "one value per entry of `variables`")
        let r = c.run(activation: nil) { vars in
            for i in 0..<slots.count { (vars + i).initialize(to: .value(slots[i])) }
        }
        return try plain(r)
    }

    /// Evaluates and returns the full result, including type and optional values.
    public func evaluateResult(_ activation: Activation = Activation()) throws(EvaluationError) -> EvalResult {
        let r = runNamed(activation)
        if case .error(let f) = r { throw compiled.error(f) }
        return Self.convert(r)
    }

    private func runNamed(_ activation: Activation) -> RValue {
        let c = compiled
        return c.run(activation: activation) { vars in
            for (i, name) in c.variables.enumerated() {
                if let v = activation.lookup(name) {
                    (vars + i).initialize(to: .value(v))
                } else {
                    (vars + i).initialize(to: .error(Fault("no value bound for variable '\(name)'")))
                }
            }
        }
    }

    @inline(__always)
    func plain(_ r: RValue) throws(EvaluationError) -> Value {
        switch r {
        case .value(let v): return v
        case .type(let t): return .string(t.name)
        case .net(let n): return .string(n.description)
        case .error(let f): throw compiled.error(f)
        case .optional: throw EvaluationError(message: "an optional value cannot be returned as a value", offset: nil, location: nil)
        }
    }

    static func convert(_ r: RValue) -> EvalResult {
        switch r {
        case .value(let v): return .value(v)
        case .type(let t): return .type(t.name)
        case .optional(let o): return .optional(o.map(convert))
        case .net(let n): return .value(.string(n.description))
        case .error(let f): return .value(.string("error: \(f.message)"))
        }
    }

    /// Evaluates a node with no variables (constant folding at compile time), under the
    /// environment's limits. Folded nodes read no variable; if one ever did, it would find an
    /// error in the frame's one slot, never uninitialised memory.
    static func evaluateDetached(_ node: Node, limits: Limits) -> RValue {
        withUnsafeTemporaryAllocation(of: RValue.self, capacity: 1) { buf in
            guard let p = buf.baseAddress else { return .err("no frame for a constant expression") }
            p.initialize(to: .err("a constant expression reads no variable"))
            defer { p.deinitialize(count: 1) }
            var state = EvalState(limits: limits, activation: nil)
            return withUnsafeMutablePointer(to: &state) { sp in node.eval(Frame(vars: p, locals: p, state: sp)) }
        }
    }
}
