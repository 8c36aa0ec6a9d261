#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes text to a file descriptor; callers build large outputs first and write them at once.
///
/// A write that fails (a full disk, a closed pipe, `/dev/full`) is never ignored: the first
/// failure is kept, and the command ends with it and exit code 2 (`Clause.main`), so that a CI
/// gate never passes on an empty or cut report.
enum Console {
    /// The first write that failed, as a message naming the reason.
    nonisolated(unsafe) static var failure: String?

    static func write(_ string: String, to fd: Int32) {
        var s = string
        s.withUTF8 { write($0, to: fd) }
    }

    static func write(_ bytes: [UInt8], to fd: Int32) {
        bytes.withUnsafeBufferPointer { write($0, to: fd) }
    }

    private static func write(_ buffer: UnsafeBufferPointer<UInt8>, to fd: Int32) {
        if let reason = writeAll(buffer, to: fd) {
            failure = failure ?? "cannot write \(fd == 1 ? "standard output" : fd == 2 ? "standard error" : "file descriptor \(fd)"): \(reason)"
        }
    }

    /// Writes every byte (short writes continued, interrupted ones retried); nil, or the reason.
    static func writeAll(_ buffer: UnsafeBufferPointer<UInt8>, to fd: Int32) -> String? {
        var offset = 0
        while offset < buffer.count {
            let n = Glibc.write(fd, UnsafeRawPointer(buffer.baseAddress.map { $0 + offset }), buffer.count - offset)
            if n < 0 && errno == EINTR { continue }
            if n < 0 { return String(cString: strerror(errno)) }
            if n == 0 { return "nothing was written" }
            offset += n
        }
        return nil
    }
}

/// Standard output, for results.
struct StandardOutput: TextOutputStream {
    mutating func write(_ string: String) { Console.write(string, to: 1) }
}

/// Messages for the user go to standard error, so that output stays machine-readable.
enum StandardError {
    static func write(_ string: String) { Console.write(string, to: 2) }

    /// Whether standard error is a terminal and colour is allowed (`NO_COLOR` unset).
    static var useColour: Bool {
        isatty(2) != 0 && getenv("NO_COLOR") == nil
    }
}

enum StandardOutputInfo {
    /// Colour only on a terminal, and never with `NO_COLOR`.
    static var isTerminal: Bool { isatty(1) != 0 && getenv("NO_COLOR") == nil }
}
