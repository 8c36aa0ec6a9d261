import ClauseValue
import Foundation

/// One callable form of a function: how many arguments, and whether it is called on a receiver.
struct Overload {
    var argc: Int
    var receiver: Bool
    var builtin: Builtin
    /// False for functions that receive errors as arguments themselves.
    var strict = true
}

/// The function library: standard CEL functions and the documented extensions.
enum Library {
    static func v1(_ name: String, _ body: @escaping (Value) -> RValue) -> Builtin {
        .unary { x in
            guard case .value(let v) = x else { return .noOverload(name) }
            return body(v)
        }
    }

    static func v2(_ name: String, _ body: @escaping (Value, Value) -> RValue) -> Builtin {
        .binary { x, y in
            guard case .value(let a) = x, case .value(let b) = y else { return .noOverload(name) }
            return body(a, b)
        }
    }

    static func v3(_ name: String, _ body: @escaping (Value, Value, Value) -> RValue) -> Builtin {
        .ternary { x, y, z in
            guard case .value(let a) = x, case .value(let b) = y, case .value(let c) = z else { return .noOverload(name) }
            return body(a, b, c)
        }
    }

    static func s1(_ name: String, _ body: @escaping (String) -> RValue) -> Builtin {
        v1(name) { a in
            guard case .string(let s) = a else { return .noOverload(name) }
            return body(s)
        }
    }

    static func s2(_ name: String, _ body: @escaping (String, String) -> RValue) -> Builtin {
        v2(name) { a, b in
            guard case .string(let s) = a, case .string(let t) = b else { return .noOverload(name) }
            return body(s, t)
        }
    }

    nonisolated(unsafe) static let table: [String: [Overload]] = build()

    /// Result kinds that do not depend on the arguments, for checking the enclosing expression.
    static let resultTypes: [String: CELType] = {
        var t: [String: CELType] = [
            "size": .int, "int": .int, "uint": .uint, "double": .double, "string": .string, "bytes": .bytes,
            "bool": .bool, "timestamp": .timestamp, "duration": .duration, "type": .type,
            "contains": .bool, "startsWith": .bool, "endsWith": .bool, "matches": .bool,
            "date": .timestamp, "days": .duration,
            "charAt": .string, "indexOf": .int, "lastIndexOf": .int, "lowerAscii": .string, "upperAscii": .string,
            "replace": .string, "split": .list, "substring": .string, "trim": .string, "join": .string,
            "reverse": .string, "strings.quote": .string, "format": .string,
            "base64.encode": .string, "base64.decode": .bytes,
            "math.isNaN": .bool, "math.isInf": .bool, "math.isFinite": .bool,
            "!": .bool, "==": .bool, "!=": .bool, "<": .bool, "<=": .bool, ">": .bool, ">=": .bool, "in": .bool,
            "_&&_": .bool, "_||_": .bool,
        ]
        for a in ["getFullYear", "getMonth", "getDate", "getDayOfMonth", "getDayOfWeek", "getDayOfYear",
                  "getHours", "getMinutes", "getSeconds", "getMilliseconds"] { t[a] = .int }
        return t
    }()

    static func lookup(_ name: String) -> [Overload]? { table[name] }

    private static func build() -> [String: [Overload]] {
        var t: [String: [Overload]] = [:]
        func add(_ name: String, _ argc: Int, receiver: Bool, strict: Bool = true, _ b: Builtin) {
            t[name, default: []].append(Overload(argc: argc, receiver: receiver, builtin: b, strict: strict))
        }

        // Core
        let size = v1("size") { Ops.size($0) }
        add("size", 1, receiver: false, size)
        add("size", 1, receiver: true, size)
        add("contains", 2, receiver: true, s2("contains") { .bool($1.isEmpty || $0.contains($1)) })
        add("startsWith", 2, receiver: true, s2("startsWith") { .bool($0.unicodeScalars.starts(with: $1.unicodeScalars)) })
        add("endsWith", 2, receiver: true, s2("endsWith") { .bool($0.unicodeScalars.reversed().starts(with: $1.unicodeScalars.reversed())) })
        let matches = s2("matches") { s, p in
            switch Regex.cached(p) {
            case .success(let re): return .bool(re.matches(s))
            case .failure(let e): return .err("invalid regular expression: \(e.message)")
            }
        }
        add("matches", 2, receiver: true, matches)
        add("matches", 2, receiver: false, matches)
        add("int", 1, receiver: false, v1("int", Conversions.int))
        add("uint", 1, receiver: false, v1("uint", Conversions.uint))
        add("double", 1, receiver: false, v1("double", Conversions.double))
        add("string", 1, receiver: false, .unary { x in
            switch x {
            case .value(let v): return Conversions.string(v)
            case .net(let n): return .value(.string(n.description))
            default: return .noOverload("string")
            }
        })
        add("bytes", 1, receiver: false, v1("bytes", Conversions.bytes))
        add("bool", 1, receiver: false, v1("bool", Conversions.bool))
        add("timestamp", 1, receiver: false, v1("timestamp", Conversions.timestamp))
        add("duration", 1, receiver: false, v1("duration", Conversions.duration))
        add("dyn", 1, receiver: false, .unary { $0 })
        add("type", 1, receiver: false, .unary { .type($0.celType) })
        for name in ["getFullYear", "getMonth", "getDate", "getDayOfMonth", "getDayOfWeek", "getDayOfYear",
                     "getHours", "getMinutes", "getSeconds", "getMilliseconds"] {
            add(name, 1, receiver: true, v1(name) { v in
                switch v {
                case .timestamp(let ts): return Time.accessor(name, ts, zone: nil)
                case .duration(let d): return Time.accessor(name, d)
                default: return .noOverload(name)
                }
            })
            add(name, 2, receiver: true, v2(name) { v, z in
                guard case .timestamp(let ts) = v, case .string(let zone) = z else { return .noOverload(name) }
                return Time.accessor(name, ts, zone: zone)
            })
        }

        // Clause extensions
        add("date", 1, receiver: false, s1("date") { s in
            if let t = Time.parseDate(s) { return t }
            if s.contains("T"), case .value(let t) = Time.parseTimestamp(s) { return .value(t) }
            return .err("'\(s)' is not a date (YYYY-MM-DD) or an RFC 3339 time")
        })
        add("days", 1, receiver: false, v1("days") { v in
            guard case .int(let n) = v else { return .noOverload("days") }
            let (s, o) = n.multipliedReportingOverflow(by: 86400)
            return o ? .err("duration out of range") : Time.makeDuration(s, 0)
        })

        add("base64.encode", 1, receiver: false, v1("base64.encode") { v in
            guard case .bytes(let b) = v else { return .noOverload("base64.encode") }
            return .value(.string(Data(b).base64EncodedString()))
        })
        add("base64.decode", 1, receiver: false, s1("base64.decode") { s in
            var t = s
            while t.utf8.count % 4 != 0 { t += "=" }
            guard let d = Data(base64Encoded: t) else { return .err("invalid base64 text") }
            return .value(.bytes([UInt8](d)))
        })

        Network.register(add)
        Strings.register(add)
        MathExt.register(add)
        TimeLayout.register(add)
        Optionals.register(add)
        return t
    }
}

/// The type conversion functions.
enum Conversions {
    static func int(_ v: Value) -> RValue {
        switch v {
        case .int: return .value(v)
        case .uint(let u): return u <= UInt64(Int64.max) ? .int(Int64(u)) : .err("int range error")
        case .double(let d):
            guard d.isFinite, d > -9223372036854775809.0, d < 9223372036854775808.0 else { return .err("int range error") }
            return .int(Int64(d))
        case .string(let s): return Int64(s).map { .int($0) } ?? .err("cannot convert '\(s)' to int")
        case .timestamp(let t): return .int(t.seconds)
        default: return .noOverload("int")
        }
    }

    static func uint(_ v: Value) -> RValue {
        switch v {
        case .uint: return .value(v)
        case .int(let i): return i >= 0 ? .value(.uint(UInt64(i))) : .err("uint range error")
        case .double(let d):
            guard d.isFinite, d > -1, d < 18446744073709551616.0 else { return .err("uint range error") }
            return .value(.uint(UInt64(d)))
        case .string(let s): return UInt64(s).map { .value(.uint($0)) } ?? .err("cannot convert '\(s)' to uint")
        default: return .noOverload("uint")
        }
    }

    static func double(_ v: Value) -> RValue {
        switch v {
        case .double: return .value(v)
        case .int(let i): return .value(.double(Swift.Double(i)))
        case .uint(let u): return .value(.double(Swift.Double(u)))
        case .string(let s):
            switch s {
            case "NaN": return .value(.double(.nan))
            case "Infinity", "+Infinity", "inf", "+inf": return .value(.double(.infinity))
            case "-Infinity", "-inf": return .value(.double(-.infinity))
            default:
                guard let d = Swift.Double(s), !s.contains(where: { $0.isWhitespace }) else { return .err("cannot convert '\(s)' to double") }
                return .value(.double(d))
            }
        default: return .noOverload("double")
        }
    }

    static func string(_ v: Value) -> RValue {
        switch v {
        case .string: return .value(v)
        case .int(let i): return .value(.string(String(i)))
        case .uint(let u): return .value(.string(String(u)))
        case .double(let d): return .value(.string(Format.double(d)))
        case .bool(let b): return .value(.string(b ? "true" : "false"))
        case .bytes(let b):
            guard let s = Swift.String(validating: b, as: UTF8.self) else { return .err("invalid UTF-8 in bytes") }
            return .value(.string(s))
        case .timestamp(let t): return .value(.string(Time.format(t)))
        case .duration(let d): return .value(.string(Time.format(d)))
        case .null: return .value(.string("null"))
        default: return .noOverload("string")
        }
    }

    static func bytes(_ v: Value) -> RValue {
        switch v {
        case .bytes: return .value(v)
        case .string(let s): return .value(.bytes(Array(s.utf8)))
        default: return .noOverload("bytes")
        }
    }

    static func bool(_ v: Value) -> RValue {
        switch v {
        case .bool: return .value(v)
        case .string(let s):
            switch s {
            case "true", "True", "TRUE", "t", "1": return .true
            case "false", "False", "FALSE", "f", "0": return .false
            default: return .err("cannot convert '\(s)' to bool")
            }
        default: return .noOverload("bool")
        }
    }

    static func timestamp(_ v: Value) -> RValue {
        switch v {
        case .timestamp: return .value(v)
        case .string(let s): return Time.parseTimestamp(s)
        case .int(let i): return Time.makeTimestamp(i, 0)
        default: return .noOverload("timestamp")
        }
    }

    static func duration(_ v: Value) -> RValue {
        switch v {
        case .duration: return .value(v)
        case .string(let s): return Time.parseDuration(s)
        case .int(let i): return Time.makeDuration(i, 0)
        default: return .noOverload("duration")
        }
    }
}
