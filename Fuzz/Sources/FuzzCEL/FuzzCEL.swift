
import ClauseExpression
import ClauseValue

/// Any text as a CEL expression, compiled and, when it compiles, evaluated within the default
/// limits: a diagnostic or a value, never a crash, a hang or unbounded memory.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCEL(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let program = try? Program.compile(text, environment: Environment(variables: ["x"])) else { return 0 }
    _ = try? program.evaluate(Activation(["x": .map(ValueMap([(.string("a"), .int(1)), (.string("b"), .list(ValueList([.string("s")])))]))]))
    return 0
}
