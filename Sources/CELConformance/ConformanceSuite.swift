import ClauseExpression
import ClauseValue
import Foundation

/// Runs CEL conformance tests (the JSON form of cel-spec's `tests/simple` files) through the
/// library; shared by the `cel-conformance` tool and the test target so the logic lives once.
public enum ConformanceSuite {
    /// The tally of one file.
    public struct Outcome: Sendable {
        /// The suite file's name (`basic`, `string_ext`, ...).
        public var file: String
        /// `core` or `ext`.
        public var category: String
        /// Tests whose result matched the expectation.
        public var passed = 0
        /// Tests that ran and did not match.
        public var failed = 0
        /// Tests marked with a `skip_reason` (protocol-buffer types, checker-only tests).
        public var skipped = 0
        /// One entry per failed test.
        public var failures: [Failure] = []
    }

    /// One failing test, with what was expected and what came back.
    public struct Failure: Sendable, CustomStringConvertible {
        /// `section/test`.
        public var name: String
        /// The CEL source.
        public var expr: String
        /// The expected result, as text.
        public var expected: String
        /// What came back (a value, an error or a compile error), as text.
        public var got: String
        /// A three-line report of the failure.
        public var description: String { "\(name)\n    expr:     \(expr)\n    expected: \(expected)\n    got:      \(got)" }
    }

    /// A test file that is not in the expected JSON layout.
    public struct FormatError: Error, CustomStringConvertible {
        /// What is wrong, with the file name.
        public var description: String
    }

    /// The JSON test files named by `paths` (files, or folders searched one level deep), sorted.
    public static func files(in paths: [String]) -> [URL] {
        var out: [URL] = []
        for p in paths {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: p, isDirectory: &isDir) else { continue }
            if isDir.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: p)) ?? []
                for n in names.sorted() where n.hasSuffix(".json") {
                    out.append(URL(fileURLWithPath: p).appendingPathComponent(n))
                }
            } else {
                out.append(URL(fileURLWithPath: p))
            }
        }
        return out
    }

    /// Runs every test of one file.
    public static func run(file: URL) throws -> Outcome {
        let data = try Data(contentsOf: file)
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let sections = root["sections"] as? [[String: Any]] else {
            throw FormatError(description: "\(file.path): not a conformance test file")
        }
        var outcome = Outcome(file: root["file"] as? String ?? file.lastPathComponent, category: root["category"] as? String ?? "core")
        for section in sections {
            for test in section["tests"] as? [[String: Any]] ?? [] {
                let name = (section["name"] as? String ?? "") + "/" + (test["name"] as? String ?? "")
                if test["skip_reason"] != nil { outcome.skipped += 1; continue }
                let expr = test["expr"] as? String ?? ""
                let (ok, expected, got) = runOne(test, expr: expr)
                if ok {
                    outcome.passed += 1
                } else {
                    outcome.failed += 1
                    outcome.failures.append(Failure(name: name, expr: expr, expected: expected, got: got))
                }
            }
        }
        return outcome
    }

    static func runOne(_ test: [String: Any], expr: String) -> (Bool, String, String) {
        var bindings: [String: Value] = [:]
        for (k, v) in test["bindings"] as? [String: Any] ?? [:] {
            guard case .value(let value)? = try? typed(v) else { return (false, "", "unsupported binding \(k)") }
            bindings[k] = value
        }
        let expect = test["expect"] as? [String: Any] ?? [:]
        let wantsError = expect["error"] != nil
        let expected: EvalResult?
        do {
            expected = wantsError ? nil : try typed(expect)
        } catch {
            return (false, "\(expect)", "unreadable expectation")
        }
        let env = Environment(variables: Array(bindings.keys), container: test["container"] as? String ?? "",
                              checked: !(test["disable_check"] as? Bool ?? false),
                              macros: !(test["disable_macros"] as? Bool ?? false))
        let shownExpected = wantsError ? "error: \(expect["error"] ?? "")" : describe(expected!)
        let program: Program
        do {
            program = try Program.compile(expr, environment: env)
        } catch {
            return (wantsError, shownExpected, "compile error: \(error.diagnostics.first?.message ?? "")")
        }
        do {
            let r = try program.evaluateResult(Activation(bindings))
            if wantsError { return (false, shownExpected, describe(r)) }
            return (same(r, expected!), shownExpected, describe(r))
        } catch {
            return (wantsError, shownExpected, "error: \(error.message)")
        }
    }

    static func describe(_ r: EvalResult) -> String {
        switch r {
        case .value(let v): return "\(v.kindName) \(v)"
        case .type(let t): return "type \(t)"
        case .optional(nil): return "optional.none()"
        case .optional(let x?): return "optional.of(\(describe(x)))"
        }
    }

    /// Typed equality for test results: `1` and `1u` differ, NaN equals NaN, map order is free.
    public static func same(_ a: EvalResult, _ b: EvalResult) -> Bool {
        switch (a, b) {
        case (.value(let x), .value(let y)): return same(x, y)
        case (.type(let x), .type(let y)): return x == y
        case (.optional(let x), .optional(let y)):
            switch (x, y) {
            case (nil, nil): return true
            case (let x?, let y?): return same(x, y)
            default: return false
            }
        default: return false
        }
    }

    static func same(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.double(let x), .double(let y)): return (x.isNaN && y.isNaN) || x == y
        case (.list(let x), .list(let y)):
            return x.count == y.count && zip(x.elements, y.elements).allSatisfy { same($0, $1) }
        case (.map(let x), .map(let y)):
            guard x.count == y.count else { return false }
            for i in 0..<x.count {
                guard let j = y.position(of: x.key(at: i)), same(x.value(at: i), y.value(at: j)) else { return false }
            }
            return true
        default: return a == b
        }
    }

    /// Reads a tagged JSON value (`{"int": "-12"}`, `{"list": [...]}`, ...).
    static func typed(_ any: Any) throws -> EvalResult {
        guard let obj = any as? [String: Any], let (tag, v) = obj.first else { throw FormatError(description: "bad typed value") }
        func bad() -> FormatError { FormatError(description: "bad \(tag) value") }
        switch tag {
        case "null": return .value(.null)
        case "bool":
            guard let b = v as? Bool else { throw bad() }
            return .value(.bool(b))
        case "int":
            guard let s = v as? String, let i = Int64(s) else { throw bad() }
            return .value(.int(i))
        case "uint":
            guard let s = v as? String, let u = UInt64(s) else { throw bad() }
            return .value(.uint(u))
        case "double":
            if let s = v as? String {
                switch s {
                case "NaN": return .value(.double(.nan))
                case "Infinity": return .value(.double(.infinity))
                case "-Infinity": return .value(.double(-.infinity))
                default: guard let d = Double(s) else { throw bad() }; return .value(.double(d))
                }
            }
            guard let n = v as? NSNumber else { throw bad() }
            return .value(.double(n.doubleValue))
        case "string":
            guard let s = v as? String else { throw bad() }
            return .value(.string(s))
        case "bytes":
            guard let s = v as? String, let d = Data(base64Encoded: s) else { throw bad() }
            return .value(.bytes([UInt8](d)))
        case "list":
            guard let xs = v as? [Any] else { throw bad() }
            var out: [Value] = []
            for x in xs {
                guard case .value(let e) = try typed(x) else { throw bad() }
                out.append(e)
            }
            return .value(.list(out))
        case "map":
            guard let xs = v as? [[Any]] else { throw bad() }
            var entries: [(Value, Value)] = []
            for pair in xs {
                guard pair.count == 2, case .value(let k) = try typed(pair[0]), case .value(let e) = try typed(pair[1]) else { throw bad() }
                entries.append((k, e))
            }
            return .value(.map(entries))
        case "type":
            guard let s = v as? String else { throw bad() }
            return .type(s)
        case "duration":
            // Through the language itself, as an expression would write it.
            guard let s = v as? String, let d = try? Program.compile("duration(s)", environment: Environment(variables: ["s"]))
                .evaluate(Activation(["s": .string(s)])) else { throw bad() }
            return .value(d)
        case "timestamp":
            guard let s = v as? String, let t = Timestamp(rfc3339: s) else { throw bad() }
            return .value(.timestamp(t))
        case "optional":
            if v is NSNull { return .optional(nil) }
            return .optional(try typed(v))
        default:
            throw FormatError(description: "unknown tag \(tag)")
        }
    }
}
