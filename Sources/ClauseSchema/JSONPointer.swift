import ClauseDiagnostics
import ClauseValue

/// The reference tokens of a JSON pointer (RFC 6901) as a `$ref` fragment writes them, so that a
/// reference and the place a schema was compiled from compare as the same key.
struct JSONPointer: Hashable, Sendable, CustomStringConvertible {
    var tokens: [String]

    init(_ tokens: [String] = []) { self.tokens = tokens }

    func appending(_ token: String) -> JSONPointer { JSONPointer(tokens + [token]) }

    /// Why a fragment could not be read as a pointer.
    enum ParseError: Error { case notAPointer, badPercentEncoding, badEscape }

    /// Reads a URI fragment (the part after `#`): percent-decoding first, as a fragment is part
    /// of a URI, then `~1` to `/` and `~0` to `~`. An empty fragment is the whole document.
    init(fragment: String) throws(ParseError) {
        guard let decoded = Self.percentDecoded(fragment) else { throw .badPercentEncoding }
        if decoded.isEmpty {
            tokens = []
            return
        }
        guard decoded.hasPrefix("/") else { throw .notAPointer }
        var tokens: [String] = []
        for raw in decoded.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            var token = ""
            var escaped = false
            for ch in raw.unicodeScalars {
                if escaped {
                    switch ch {
                    case "0": token.unicodeScalars.append("~")
                    case "1": token.unicodeScalars.append("/")
                    default: throw .badEscape
                    }
                    escaped = false
                } else if ch == "~" {
                    escaped = true
                } else {
                    token.unicodeScalars.append(ch)
                }
            }
            if escaped { throw .badEscape }
            tokens.append(token)
        }
        self.tokens = tokens
    }

    /// The value this pointer names inside `root`, with its mark; nil when some token does not
    /// exist.
    func locate(in root: Value, rootMark: SourceMark) -> (value: Value, mark: SourceMark)? {
        var value = root
        var mark = rootMark
        for token in tokens {
            switch value {
            case .map(let map):
                guard let at = map.position(ofString: token) else { return nil }
                let entryMark = map.mark(at: at)
                if entryMark.isKnown { mark = entryMark }
                value = map.value(at: at)
            case .list(let list):
                guard let at = Self.arrayIndex(token), at < list.count else { return nil }
                let elementMark = list.mark(at: at)
                if elementMark.isKnown { mark = elementMark }
                value = list[at]
            default:
                return nil
            }
        }
        return (value, mark)
    }

    /// `#/a/b~1c` form, as a message shows a location in a schema.
    var description: String {
        "#" + tokens.map { "/" + $0.replacingAll("~", with: "~0").replacingAll("/", with: "~1") }.joined()
    }

    /// An array index token: decimal digits, no leading zero (RFC 6901).
    static func arrayIndex(_ token: String) -> Int? {
        guard !token.isEmpty, token == "0" || !token.hasPrefix("0"), token.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(token)
    }

    private static func percentDecoded(_ text: String) -> String? {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard utf8.count >= 2, let high = hexValue(utf8.popFirst()!), let low = hexValue(utf8.popFirst()!) else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}

extension String {
    /// Replaces every occurrence of one character, without Foundation.
    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        guard contains(target) else { return self }
        var out = ""
        for ch in self { if ch == target { out += replacement } else { out.append(ch) } }
        return out
    }
}
