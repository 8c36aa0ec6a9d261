import ClauseValue

/// An IP address or a CIDR network: the values of the network extension (`ip()`, `cidr()`).
final class NetValue: @unchecked Sendable {
    /// 4 bytes for IPv4, 16 for IPv6.
    let bytes: [UInt8]
    /// The prefix length of a CIDR, nil for an address.
    let prefix: Int?

    init(bytes: [UInt8], prefix: Int? = nil) {
        self.bytes = bytes
        self.prefix = prefix
    }

    var isV4: Bool { bytes.count == 4 }
    var type: CELType { prefix == nil ? Network.ipType : Network.cidrType }

    /// The address in 16-byte form, IPv4 as IPv4-mapped IPv6 (for comparisons across forms).
    var unmapped: [UInt8] {
        if isV4 { return [UInt8](repeating: 0, count: 10) + [0xFF, 0xFF] + bytes }
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF { return bytes }
        return bytes
    }

    var addressText: String {
        if isV4 { return bytes.map(String.init).joined(separator: ".") }
        var groups: [Int] = []
        for i in stride(from: 0, to: 16, by: 2) { groups.append(Int(bytes[i]) << 8 | Int(bytes[i + 1])) }
        // RFC 5952: compress the longest run (at least two) of zero groups, the first on a tie.
        var bestStart = -1, bestLen = 0, i = 0
        while i < 8 {
            if groups[i] == 0 {
                var j = i
                while j < 8 && groups[j] == 0 { j += 1 }
                if j - i > bestLen && j - i >= 2 { bestStart = i; bestLen = j - i }
                i = j
            } else { i += 1 }
        }
        func hex(_ r: ArraySlice<Int>) -> String { r.map { String($0, radix: 16) }.joined(separator: ":") }
        if bestStart < 0 { return hex(groups[...]) }
        return hex(groups[0..<bestStart]) + "::" + hex(groups[(bestStart + bestLen)...])
    }

    var description: String { prefix.map { addressText + "/\($0)" } ?? addressText }

    static func == (a: NetValue, b: NetValue) -> Bool { a.unmapped == b.unmapped && a.prefix == b.prefix }

    func contains(_ other: [UInt8], prefix otherPrefix: Int) -> Bool {
        guard let p = prefix, other.count == bytes.count, otherPrefix >= p else { return false }
        return Network.mask(bytes, p) == Network.mask(other, p)
    }
}

/// The network extension of cel-go: `ip`, `cidr`, `isIP`, `ip.isCanonical` and the methods.
enum Network {
    static let ipType = CELType(name: "net.IP"), cidrType = CELType(name: "net.CIDR")

    static func mask(_ b: [UInt8], _ prefix: Int) -> [UInt8] {
        var out = b
        for i in 0..<out.count {
            let bits = max(0, min(8, prefix - i * 8))
            out[i] &= bits == 0 ? 0 : UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
        }
        return out
    }

    enum ParseError: Error { case invalid, zone, mapped }

    static func parseV4(_ s: Substring) -> [UInt8]? {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var out: [UInt8] = []
        for p in parts {
            guard !p.isEmpty, p.count <= 3, p.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Int(p), v <= 255,
                  !(p.count > 1 && p.first == "0") else { return nil }
            out.append(UInt8(v))
        }
        return out
    }

    static func parseIP(_ s: String) throws(ParseError) -> [UInt8] {
        if s.contains("%") { throw .zone }
        if !s.contains(":") {
            guard let v4 = parseV4(s[...]) else { throw .invalid }
            return v4
        }
        var text = Substring(s)
        var tail: [UInt8] = []
        if let lastColon = text.lastIndex(of: ":"), text[lastColon...].contains(".") {
            guard let v4 = parseV4(text[text.index(after: lastColon)...]) else { throw .invalid }
            tail = v4
            text = text[...lastColon]
            if text.hasSuffix("::") == false { text = text.dropLast() }
        }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { throw .invalid }
        func groups(_ h: String) throws(ParseError) -> [UInt8] {
            if h.isEmpty { return [] }
            var out: [UInt8] = []
            for g in h.split(separator: ":", omittingEmptySubsequences: false) {
                guard !g.isEmpty, g.count <= 4, g.allSatisfy(\.isHexDigit), let v = UInt16(g, radix: 16) else { throw .invalid }
                out += [UInt8(v >> 8), UInt8(v & 0xFF)]
            }
            return out
        }
        let head = try groups(halves[0])
        let rest = halves.count == 2 ? try groups(halves[1]) : []
        let used = head.count + rest.count + tail.count
        var out: [UInt8]
        if halves.count == 2 {
            guard used <= 14 else { throw .invalid }
            out = head + [UInt8](repeating: 0, count: 16 - used) + rest + tail
        } else {
            guard used == 16 else { throw .invalid }
            out = head + tail
        }
        if !tail.isEmpty, out[0..<10].allSatisfy({ $0 == 0 }), out[10] == 0xFF, out[11] == 0xFF { throw .mapped }
        return out
    }

    static func ip(_ s: String) -> RValue {
        do {
            return .net(NetValue(bytes: try parseIP(s)))
        } catch .zone {
            return .err("IP Address with zone value is not allowed")
        } catch .mapped {
            return .err("IPv4-mapped IPv6 address is not allowed")
        } catch {
            return .err("IP Address '\(s)' parse error during conversion from string")
        }
    }

    static func cidr(_ s: String) -> RValue {
        let parts = s.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let p = Int(parts[1]) else { return .err("network address parse error during conversion from string") }
        let bytes: [UInt8]
        do {
            bytes = try parseIP(String(parts[0]))
        } catch .mapped {
            return .err("IPv4-mapped IPv6 address is not allowed")
        } catch {
            return .err("network address parse error during conversion from string")
        }
        guard p >= 0, p <= bytes.count * 8 else { return .err("network address parse error during conversion from string") }
        return .net(NetValue(bytes: bytes, prefix: p))
    }

    static func register(_ add: (String, Int, Bool, Bool, Builtin) -> Void) {
        add("ip", 1, false, true, Library.s1("ip", ip))
        add("cidr", 1, false, true, Library.s1("cidr", cidr))
        add("isIP", 1, false, true, Library.s1("isIP") { s in
            if case .net = ip(s) { return .true }
            return .false
        })
        add("ip.isCanonical", 1, false, true, Library.s1("ip.isCanonical") { s in
            let r = ip(s)
            guard case .net(let n) = r else { return r }
            return .bool(n.addressText == s)
        })
        func ipMethod(_ name: String, _ f: @escaping (NetValue) -> RValue) {
            add(name, 1, true, true, .unary { x in
                guard case .net(let n) = x, n.prefix == nil else { return .noOverload(name) }
                return f(n)
            })
        }
        func startsWith(_ b: [UInt8], _ prefix: [UInt8], bits: Int) -> Bool {
            mask(b, bits) == mask(prefix + [UInt8](repeating: 0, count: b.count - prefix.count), bits)
        }
        func isLoopback(_ n: NetValue) -> Bool { n.isV4 ? n.bytes[0] == 127 : n.bytes == [UInt8](repeating: 0, count: 15) + [1] }
        func isMulticast(_ n: NetValue) -> Bool { n.isV4 ? n.bytes[0] & 0xF0 == 0xE0 : n.bytes[0] == 0xFF }
        func isLinkLocalUnicast(_ n: NetValue) -> Bool { n.isV4 ? startsWith(n.bytes, [169, 254], bits: 16) : startsWith(n.bytes, [0xFE, 0x80], bits: 10) }
        func isUnspecified(_ n: NetValue) -> Bool { n.bytes.allSatisfy { $0 == 0 } }
        ipMethod("family") { .int($0.isV4 ? 4 : 6) }
        ipMethod("isUnspecified") { .bool(isUnspecified($0)) }
        ipMethod("isLoopback") { .bool(isLoopback($0)) }
        ipMethod("isLinkLocalUnicast") { .bool(isLinkLocalUnicast($0)) }
        ipMethod("isLinkLocalMulticast") { n in
            .bool(n.isV4 ? startsWith(n.bytes, [224, 0, 0], bits: 24) : startsWith(n.bytes, [0xFF, 0x02], bits: 16))
        }
        ipMethod("isGlobalUnicast") { n in
            let broadcast = n.isV4 && n.bytes == [255, 255, 255, 255]
            return .bool(!broadcast && !isUnspecified(n) && !isLoopback(n) && !isMulticast(n) && !isLinkLocalUnicast(n))
        }
        func cidrMethod(_ name: String, _ argc: Int, _ f: @escaping (NetValue, RValue?) -> RValue) {
            if argc == 1 {
                add(name, 1, true, true, .unary { x in
                    guard case .net(let n) = x, n.prefix != nil else { return .noOverload(name) }
                    return f(n, nil)
                })
            } else {
                add(name, 2, true, true, .binary { x, y in
                    guard case .net(let n) = x, n.prefix != nil else { return .noOverload(name) }
                    return f(n, y)
                })
            }
        }
        cidrMethod("prefixLength", 1) { n, _ in .int(Int64(n.prefix!)) }
        cidrMethod("ip", 1) { n, _ in .net(NetValue(bytes: n.bytes)) }
        cidrMethod("masked", 1) { n, _ in .net(NetValue(bytes: mask(n.bytes, n.prefix!), prefix: n.prefix)) }
        cidrMethod("containsIP", 2) { n, y in
            var other = y!
            if case .value(.string(let s)) = other { other = ip(s) }
            if case .error = other { return other }
            guard case .net(let o) = other, o.prefix == nil else { return .noOverload("containsIP") }
            return .bool(n.contains(o.bytes, prefix: o.bytes.count * 8))
        }
        cidrMethod("containsCIDR", 2) { n, y in
            var other = y!
            if case .value(.string(let s)) = other { other = cidr(s) }
            if case .error = other { return other }
            guard case .net(let o) = other, let op = o.prefix else { return .noOverload("containsCIDR") }
            return .bool(n.contains(o.bytes, prefix: op))
        }
    }
}
