import ClauseDiagnostics
import ClauseDocument
import ClauseExpression
import ClauseValue

/// Reads the fields of one YAML mapping of a pack, recording a located diagnostic for every
/// missing, unknown or mistyped field instead of stopping at the first.
package struct FieldReader {
    /// The mapping's entries; empty when the value was not a mapping (already reported by `init`).
    package let map: ValueMap
    /// Where the mapping starts: a missing required field is reported here.
    package let mark: SourceMark
    /// The file being read, for locations and for reading scalars as written.
    package let source: SourceText
    /// What the mapping is, as messages name it (`a rule`, `the waivers file`).
    package let what: String
    /// Problems found so far, for the caller to collect once it has finished reading.
    package var diagnostics: [Diagnostic] = []
    private var used: Set<String> = []

    /// Starts reading `value`, reporting to `diagnostics` at once if it is not a mapping.
    package init(_ value: Value, mark: SourceMark, source: SourceText, what: String, diagnostics: inout [Diagnostic]) {
        if case .map(let map) = value {
            self.map = map
        } else {
            self.map = ValueMap(keys: [], values: [])
            diagnostics.append(Diagnostic(.error, at: SourceLocation(file: source.name, mark: mark), "\(what) must be a mapping, not \(Self.kind(value))"))
        }
        self.mark = mark
        self.source = source
        self.what = what
    }

    /// A location in this reader's file, for a diagnostic at `mark`.
    package func location(_ mark: SourceMark) -> SourceLocation { SourceLocation(file: source.name, mark: mark) }

    /// How messages name a value's type (`a string`, `a list`), as in "must be a string, not a list".
    package static func kind(_ value: Value) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .int, .uint: "an integer"
        case .double: "a number"
        case .string: "a string"
        case .bytes: "bytes"
        case .list: "a list"
        case .map: "a mapping"
        case .timestamp: "a timestamp"
        case .duration: "a duration"
        }
    }

    /// The raw value of a field, with its mark.
    package mutating func raw(_ key: String, required: Bool) -> (Value, SourceMark)? {
        used.insert(key)
        guard let i = map.position(ofString: key) else {
            if required { error(at: mark, "\(what) is missing required field '\(key)'") }
            return nil
        }
        return (map.values[i], map.mark(at: i))
    }

    /// A string field, a number or boolean taken as written (`8.10` stays `8.10`); nil if absent or not one.
    package mutating func string(_ key: String, required: Bool) -> String? {
        guard let (value, mark) = raw(key, required: required) else { return nil }
        switch value {
        case .string(let s): return s
        case .int, .uint, .double, .bool: return Self.scalarText(at: mark, in: source) ?? JSONWriter.string(value)
        default:
            error(at: mark, "'\(key)' must be a string, not \(Self.kind(value))")
            return nil
        }
    }

    /// A string or a list of strings (`clause: 8.3` or `clause: [8.3, 8.3.1]`).
    package mutating func strings(_ key: String, required: Bool) -> [(String, SourceMark)]? {
        guard let (value, mark) = raw(key, required: required) else { return nil }
        if case .list(let list) = value {
            var out: [(String, SourceMark)] = []
            for i in 0..<list.count {
                switch list[i] {
                case .string(let s): out.append((s, list.mark(at: i)))
                case .int, .uint, .double: out.append((Self.scalarText(at: list.mark(at: i), in: source) ?? JSONWriter.string(list[i]), list.mark(at: i)))
                default: error(at: list.mark(at: i), "'\(key)' entries must be strings, not \(Self.kind(list[i]))")
                }
            }
            return out
        }
        switch value {
        case .string(let s): return [(s, mark)]
        case .int, .uint, .double: return [(Self.scalarText(at: mark, in: source) ?? JSONWriter.string(value), mark)]
        default:
            error(at: mark, "'\(key)' must be a string or a list of strings, not \(Self.kind(value))")
            return nil
        }
    }

    /// An expression field compiled where it stands, so errors point into the YAML file.
    package mutating func expression(_ key: String, required: Bool, environment: Environment) -> Program? {
        guard let (value, mark) = raw(key, required: required) else { return nil }
        let text: String
        switch value {
        case .string(let s): text = s
        case .bool, .int, .uint, .double, .null: text = Self.scalarText(at: mark, in: source) ?? JSONWriter.string(value)
        default:
            error(at: mark, "'\(key)' must be an expression (a string), not \(Self.kind(value))")
            return nil
        }
        return compile(text, at: mark, environment: environment)
    }

    /// Compiles expression text that starts at `mark`, recording any error at its place in the file.
    package mutating func compile(_ text: String, at mark: SourceMark, environment: Environment) -> Program? {
        do {
            return try Program.compile(text, environment: environment, origin: Self.origin(at: mark, in: source))
        } catch {
            diagnostics.append(contentsOf: error.diagnostics)
            return nil
        }
    }

    /// Reports keys the reader was never asked for, with a did-you-mean.
    package mutating func finish(allowed: [String]) {
        for i in 0..<map.count {
            guard case .string(let key) = map.keys[i] else {
                error(at: map.mark(at: i), "\(what) has a key that is not a string")
                continue
            }
            if !used.contains(key) && !allowed.contains(key) {
                let keyMark = i < map.keyMarks.count ? map.keyMarks[i] : map.mark(at: i)
                error(at: keyMark, "unknown field '\(key)' in \(what)", notes: Self.suggestion(for: key, among: allowed).map { ["did you mean '\($0)'?"] } ?? [])
            }
        }
    }

    /// Records an error at `mark` in this reader's file.
    package mutating func error(at mark: SourceMark, _ message: String, notes: [String] = []) {
        diagnostics.append(Diagnostic(.error, at: location(mark), message, notes: notes))
    }

    /// The closest allowed word, if one is close enough to be a typo of it.
    package static func suggestion(for word: String, among candidates: [String]) -> String? {
        Suggestion.closest(to: word, among: candidates)
    }

    /// The text of a plain scalar as written (so `8.10` stays `8.10`, not the number 8.1).
    package static func scalarText(at mark: SourceMark, in source: SourceText) -> String? {
        guard let line = source.line(Int(mark.line)) else { return nil }
        let scalars = Array(line.unicodeScalars.dropFirst(Int(mark.column) - 1))
        var out = ""
        var previous: Unicode.Scalar = " "
        for c in scalars {
            if c == "," || c == "]" || c == "}" || (c == "#" && previous == " ") { break }
            out.unicodeScalars.append(c)
            previous = c
        }
        let trimmed = out.trimmingTrailingSpaces()
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Where an expression's text starts, from the style of the scalar at `mark`.
    /// The style and start come from the loader's record of the scalar (`LoadOptions.recordScalars`),
    /// so an anchor or tag before the text does not shift it; without one, from its first character.
    package static func origin(at mark: SourceMark, in source: SourceText) -> ExpressionOrigin {
        let style: ExpressionOrigin.Style
        var start = mark
        if let span = source.scalars[mark] {
            start = span.start
            style = span.style
        } else {
            let line = source.line(Int(mark.line)) ?? ""
            style = switch line.unicodeScalars.dropFirst(Int(mark.column) - 1).first {
            case "'": .singleQuoted
            case "\"": .doubleQuoted
            case "|": .literal
            case ">": .folded
            default: .plain
            }
        }
        guard style == .literal || style == .folded else { return ExpressionOrigin(file: source.name, mark: start, style: style) }
        // A block's indentation is that of its first line that is not blank.
        var indentation: Int?
        var n = Int(start.line) + 1
        while let next = source.line(n) {
            if !next.allSatisfy({ $0 == " " }) {
                indentation = next.prefix { $0 == " " }.count + 1
                break
            }
            n += 1
        }
        return ExpressionOrigin(file: source.name, mark: start, style: style, blockIndentation: indentation)
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " || s.last == "\t" { s.removeLast() }
        return s
    }
}
