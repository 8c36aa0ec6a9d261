/// Where a value sits inside its document, such as `services[3].sla.target`.
///
/// Built while walking a document, so values need not store it.
public struct ValuePath: Hashable, Sendable, CustomStringConvertible, Comparable {
    /// One step down from a value: a key into a map or a position in a list.
    public enum Component: Hashable, Sendable {
        /// The key of a map entry.
        case key(String)
        /// The 0-based position of a list element.
        case index(Int)
    }

    /// The steps from the document's root, outermost first; none for the root itself (`$`).
    public var components: [Component]

    /// Makes a path from its steps; with none, the path of the root.
    public init(_ components: [Component] = []) { self.components = components }

    /// The path one step further down, for building paths while walking a document.
    public func appending(_ component: Component) -> ValuePath {
        ValuePath(components + [component])
    }

    /// The path to the entry under `key` of the map at this path.
    public func appending(key: String) -> ValuePath { appending(.key(key)) }
    /// The path to element `index` of the list at this path.
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

    /// Orders paths by their printed form, which gives a stable order for sorting.
    public static func < (lhs: ValuePath, rhs: ValuePath) -> Bool { lhs.description < rhs.description }

    static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.utf8.first, first == UInt8(ascii: "_") || (first | 0x20 >= 0x61 && first | 0x20 <= 0x7A) else { return false }
        return s.utf8.allSatisfy { b in
            b == UInt8(ascii: "_") || b == UInt8(ascii: "-") || (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A)
        }
    }
}
