/// The kinds of token of CEL's grammar.
enum TokenKind: Equatable {
    case int(UInt64), uint(UInt64), double(Double), string(String), bytes([UInt8])
    case ident(String), quotedIdent(String)
    case punct(String)
    case eof
}

struct Token {
    var kind: TokenKind
    /// Byte offset of the token's first byte in the expression.
    var offset: Int
}

/// A problem found while reading an expression, at a byte offset inside it.
struct SyntaxError: Error {
    var offset: Int
    var message: String
}

/// Splits an expression into tokens; byte offsets are kept so errors point into the text.
struct Lexer {
    let bytes: [UInt8]
    var pos = 0

    init(_ text: String) { bytes = Array(text.utf8) }

    static let reserved: Set<String> = [
        "as", "break", "const", "continue", "else", "for", "function", "if", "import", "let", "loop",
        "package", "namespace", "return", "var", "void", "while",
    ]

    mutating func tokenize() throws(SyntaxError) -> [Token] {
        var out: [Token] = []
        while true {
            let t = try next()
            out.append(t)
            if case .eof = t.kind { return out }
        }
    }

    private func peek(_ k: Int = 0) -> UInt8 { pos + k < bytes.count ? bytes[pos + k] : 0 }

    private static func isIdentStart(_ b: UInt8) -> Bool { b == 0x5F || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) }
    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    private static func isHex(_ b: UInt8) -> Bool { isDigit(b) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x66) }

    mutating func skipSpace() {
        while pos < bytes.count {
            let b = bytes[pos]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C {
                pos += 1
            } else if b == 0x2F && peek(1) == 0x2F {
                while pos < bytes.count && bytes[pos] != 0x0A { pos += 1 }
            } else {
                return
            }
        }
    }

    mutating func next() throws(SyntaxError) -> Token {
        skipSpace()
        let start = pos
        guard pos < bytes.count else { return Token(kind: .eof, offset: pos) }
        let b = bytes[pos]
        if Self.isIdentStart(b) {
            // string prefixes r, b, rb, br
            var raw = false, isBytes = false
            var p = pos
            for _ in 0..<2 {
                let c = p < bytes.count ? bytes[p] | 0x20 : 0
                if c == 0x72 && !raw { raw = true; p += 1 } else if c == 0x62 && !isBytes { isBytes = true; p += 1 } else { break }
            }
            if (raw || isBytes), p < bytes.count, bytes[p] == 0x22 || bytes[p] == 0x27 {
                pos = p
                return try readString(start: start, raw: raw, isBytes: isBytes)
            }
            while pos < bytes.count, Self.isIdentStart(bytes[pos]) || Self.isDigit(bytes[pos]) { pos += 1 }
            let name = String(decoding: bytes[start..<pos], as: UTF8.self)
            return Token(kind: .ident(name), offset: start)
        }
        if Self.isDigit(b) || (b == 0x2E && Self.isDigit(peek(1))) { return try readNumber() }
        if b == 0x22 || b == 0x27 { return try readString(start: start, raw: false, isBytes: false) }
        if b == 0x60 {
            pos += 1
            let s = pos
            while pos < bytes.count, bytes[pos] != 0x60 {
                let c = bytes[pos]
                guard Self.isIdentStart(c) || Self.isDigit(c) || c == 0x2E || c == 0x2D || c == 0x2F || c == 0x20 else {
                    throw SyntaxError(offset: pos, message: "invalid character in quoted identifier")
                }
                pos += 1
            }
            guard pos < bytes.count else { throw SyntaxError(offset: start, message: "unterminated quoted identifier") }
            let name = String(decoding: bytes[s..<pos], as: UTF8.self)
            pos += 1
            return Token(kind: .quotedIdent(name), offset: start)
        }
        let two = pos + 1 < bytes.count ? String(decoding: bytes[pos...pos + 1], as: UTF8.self) : ""
        if ["==", "!=", "<=", ">=", "&&", "||", ".?"].contains(two) {
            pos += 2
            return Token(kind: .punct(two), offset: start)
        }
        let singles: [UInt8] = Array("+-*/%!<>()[]{}.,:?".utf8)
        if singles.contains(b) {
            pos += 1
            return Token(kind: .punct(String(UnicodeScalar(b))), offset: start)
        }
        if b == 0x3D { throw SyntaxError(offset: start, message: "unexpected '=' (use '==' to compare)") }
        // Report the whole scalar, not a UTF-8 fragment.
        var end = pos + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        let shown = String(decoding: bytes[pos..<end], as: UTF8.self)
        throw SyntaxError(offset: start, message: "unexpected character '\(shown)'")
    }

    private mutating func readNumber() throws(SyntaxError) -> Token {
        let start = pos
        if peek() == 0x30 && (peek(1) | 0x20) == 0x78 {
            pos += 2
            let s = pos
            while pos < bytes.count, Self.isHex(bytes[pos]) { pos += 1 }
            guard pos > s, let v = UInt64(String(decoding: bytes[s..<pos], as: UTF8.self), radix: 16) else {
                throw SyntaxError(offset: start, message: "invalid hexadecimal literal")
            }
            if peek() | 0x20 == 0x75 { pos += 1; return Token(kind: .uint(v), offset: start) }
            return Token(kind: .int(v), offset: start)
        }
        var isDouble = false
        while Self.isDigit(peek()) { pos += 1 }
        if peek() == 0x2E && Self.isDigit(peek(1)) {
            isDouble = true
            pos += 1
            while Self.isDigit(peek()) { pos += 1 }
        }
        if peek() | 0x20 == 0x65 {
            var p = pos + 1
            if p < bytes.count, bytes[p] == 0x2B || bytes[p] == 0x2D { p += 1 }
            if p < bytes.count, Self.isDigit(bytes[p]) {
                isDouble = true
                pos = p
                while Self.isDigit(peek()) { pos += 1 }
            }
        }
        let text = String(decoding: bytes[start..<pos], as: UTF8.self)
        if isDouble {
            guard let d = Double(text) else { throw SyntaxError(offset: start, message: "invalid number '\(text)'") }
            return Token(kind: .double(d), offset: start)
        }
        guard let v = UInt64(text) else { throw SyntaxError(offset: start, message: "integer literal '\(text)' out of range") }
        if peek() | 0x20 == 0x75 { pos += 1; return Token(kind: .uint(v), offset: start) }
        return Token(kind: .int(v), offset: start)
    }

    private mutating func readString(start: Int, raw: Bool, isBytes: Bool) throws(SyntaxError) -> Token {
        let quote = bytes[pos]
        let triple = peek(1) == quote && peek(2) == quote
        pos += triple ? 3 : 1
        var out: [UInt8] = []
        while true {
            guard pos < bytes.count else { throw SyntaxError(offset: start, message: "unterminated string literal") }
            let c = bytes[pos]
            if c == quote {
                if !triple { pos += 1; break }
                if peek(1) == quote && peek(2) == quote { pos += 3; break }
            }
            if !triple && (c == 0x0A || c == 0x0D) {
                throw SyntaxError(offset: start, message: "unterminated string literal")
            }
            if c == 0x5C && !raw {
                try readEscape(into: &out, isBytes: isBytes)
                continue
            }
            if c == 0x5C && raw {
                // a raw string still cannot end at an escaped quote
                out.append(c)
                pos += 1
                if pos < bytes.count && bytes[pos] == quote && !triple { out.append(quote); pos += 1 }
                continue
            }
            out.append(c)
            pos += 1
        }
        if isBytes { return Token(kind: .bytes(out), offset: start) }
        guard let s = String(validating: out, as: UTF8.self) else {
            throw SyntaxError(offset: start, message: "invalid UTF-8 in string literal")
        }
        return Token(kind: .string(s), offset: start)
    }

    private mutating func readEscape(into out: inout [UInt8], isBytes: Bool) throws(SyntaxError) {
        let escStart = pos
        pos += 1
        guard pos < bytes.count else { throw SyntaxError(offset: escStart, message: "invalid escape sequence") }
        let c = bytes[pos]
        pos += 1
        func appendScalar(_ v: UInt32) throws(SyntaxError) {
            guard let s = Unicode.Scalar(v) else { throw SyntaxError(offset: escStart, message: "invalid code point in escape") }
            out.append(contentsOf: Array(String(Character(s)).utf8))
        }
        func hex(_ n: Int) throws(SyntaxError) -> UInt32 {
            var v: UInt32 = 0
            for _ in 0..<n {
                guard pos < bytes.count, Self.isHex(bytes[pos]) else { throw SyntaxError(offset: escStart, message: "invalid escape sequence") }
                let d = bytes[pos]
                v = v * 16 + UInt32(Self.isDigit(d) ? d - 0x30 : (d | 0x20) - 0x61 + 10)
                pos += 1
            }
            return v
        }
        switch c {
        case UInt8(ascii: "a"): out.append(7)
        case UInt8(ascii: "b"): out.append(8)
        case UInt8(ascii: "f"): out.append(12)
        case UInt8(ascii: "n"): out.append(10)
        case UInt8(ascii: "r"): out.append(13)
        case UInt8(ascii: "t"): out.append(9)
        case UInt8(ascii: "v"): out.append(11)
        case 0x5C, 0x3F, 0x22, 0x27, 0x60: out.append(c)
        case UInt8(ascii: "x"), UInt8(ascii: "X"):
            let v = try hex(2)
            if isBytes { out.append(UInt8(v)) } else { try appendScalar(v) }
        case UInt8(ascii: "u"):
            guard !isBytes else { throw SyntaxError(offset: escStart, message: "\\u escape in bytes literal") }
            let v = try hex(4)
            try appendScalar(v)
        case UInt8(ascii: "U"):
            guard !isBytes else { throw SyntaxError(offset: escStart, message: "\\U escape in bytes literal") }
            let v = try hex(8)
            try appendScalar(v)
        case 0x30...0x33:
            var v = UInt32(c - 0x30)
            for _ in 0..<2 {
                guard pos < bytes.count, bytes[pos] >= 0x30, bytes[pos] <= 0x37 else { throw SyntaxError(offset: escStart, message: "invalid octal escape") }
                v = v * 8 + UInt32(bytes[pos] - 0x30)
                pos += 1
            }
            if isBytes { out.append(UInt8(v)) } else { try appendScalar(v) }
        default:
            throw SyntaxError(offset: escStart, message: "invalid escape sequence '\\\(String(UnicodeScalar(c)))'")
        }
    }
}
