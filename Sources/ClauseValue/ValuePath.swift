/// Where a value sits inside its document, such as `services[3].sla.target`.
///
/// Built while walking a document, so values need not store it.
public struct ValuePath: Hashable, Sendable, CustomStringConvertible, Comparable {
    public enum Component: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    public var components: [Component]

    public init(_ components: [Component] = []) { self.components = components }

    public func appending(_ component: Component) -> ValuePath {
        ValuePath(components + [component])
    }

    public func appending(key: String) -> ValuePath { appending(.key(key)) }
    public func appending(index: Int) -> ValuePath { appending(.index(index)) }

    /// Dotted form; keys that are not identifiers are quoted in brackets (`labels["a.b"]`).
    public var description: String {
        var out = ""
        for component in components {
            switch component {
            case .index(let i):
                out += "[\(i)]"
            case .key(let k):
                if Self.isIdentifier(k) {
                    out += out.isEmpty ? k : "." + k
                } else {
                    var quoted = "[\""
                    for ch in k {
                        if ch == "\\" || ch == "\"" { quoted.append("\\") }
                        quoted.append(ch)
                    }
                    out += quoted + "\"]"
                }
            }
        }
        return out.isEmpty ? "$" : out
    }

    public static func < (lhs: ValuePath, rhs: ValuePath) -> Bool { lhs.description < rhs.description }

    static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.utf8.first, first == UInt8(ascii: "_") || (first | 0x20 >= 0x61 && first | 0x20 <= 0x7A) else { return false }
        return s.utf8.allSatisfy { b in
            b == UInt8(ascii: "_") || b == UInt8(ascii: "-") || (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A)
        }
    }
}
