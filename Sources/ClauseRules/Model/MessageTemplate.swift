import ClauseExpression
import ClauseValue

/// A finding's message: text with `{expr}` parts evaluated per element; `{{` and `}}` are
/// literal braces.
public struct MessageTemplate: Sendable {
    /// One piece of a message: literal text, or an expression whose value is shown in its place.
    public enum Part: Sendable {
        /// Text shown as written, `{{` and `}}` already reduced to single braces.
        case text(String)
        /// A `{expr}` part, evaluated per element and shown as `display` writes its value.
        case expression(Program)
    }

    /// The pieces in the order written; joined, they make the message.
    public var parts: [Part]

    /// Makes a template from pieces already split and compiled (the rule reader does both).
    public init(parts: [Part]) { self.parts = parts }

    /// Splits a template into text and expression sources, with each expression's byte offset in
    /// the template; nil with an offset and message when braces do not balance.
    static func split(_ template: String) -> Result<[(text: String, isExpression: Bool, offset: Int)], TemplateError> {
        var parts: [(String, Bool, Int)] = []
        let bytes = Array(template.utf8)
        var text: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "{"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "{") {
                text.append(b)
                i += 2
            } else if b == UInt8(ascii: "}"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "}") {
                text.append(b)
                i += 2
            } else if b == UInt8(ascii: "{") {
                if !text.isEmpty { parts.append((String(decoding: text, as: UTF8.self), false, i)); text = [] }
                var depth = 1
                var j = i + 1
                var quote: UInt8?
                while j < bytes.count {
                    let c = bytes[j]
                    if let q = quote {
                        if c == UInt8(ascii: "\\") { j += 1 } else if c == q { quote = nil }
                    } else if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") {
                        quote = c
                    } else if c == UInt8(ascii: "{") {
                        depth += 1
                    } else if c == UInt8(ascii: "}") {
                        depth -= 1
                        if depth == 0 { break }
                    }
                    j += 1
                }
                guard j < bytes.count else { return .failure(TemplateError(offset: i, message: "unclosed '{' in message; write '{{' for a literal brace")) }
                let expression = String(decoding: bytes[(i + 1)..<j], as: UTF8.self)
                if expression.allSatisfy(\.isWhitespace) { return .failure(TemplateError(offset: i, message: "empty '{}' in message")) }
                parts.append((expression, true, i + 1))
                i = j + 1
            } else if b == UInt8(ascii: "}") {
                return .failure(TemplateError(offset: i, message: "unmatched '}' in message; write '}}' for a literal brace"))
            } else {
                text.append(b)
                i += 1
            }
        }
        if !text.isEmpty { parts.append((String(decoding: text, as: UTF8.self), false, bytes.count)) }
        return .success(parts.map { (text: $0.0, isExpression: $0.1, offset: $0.2) })
    }

    struct TemplateError: Error {
        var offset: Int
        var message: String
    }

    /// How a value reads inside a message: strings bare, everything else as CEL would print it.
    public static func display(_ value: Value) -> String {
        switch value {
        case .string(let s): return s
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .uint(let u): return String(u) + "u"
        case .double(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) + ".0" : String(d)
        case .timestamp(let t): return t.rfc3339
        case .duration(let d): return d.celString
        case .bytes(let b): return "b\"" + String(decoding: b, as: UTF8.self) + "\""
        case .list(let l): return "[" + l.elements.map(display).joined(separator: ", ") + "]"
        case .map(let m): return "{" + (0..<m.count).map { display(m.key(at: $0)) + ": " + display(m.value(at: $0)) }.joined(separator: ", ") + "}"
        }
    }
}
