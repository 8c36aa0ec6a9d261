#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a report where `--output` says, without ever leaving a cut file, a stray temporary
/// file or a replaced device behind.
///
/// `-` is standard output. A device, FIFO or `/dev/stdout`-like link is written in place, as a
/// shell's `>` would. A regular file (or a new one) is written to a temporary file beside it and
/// renamed over it, keeping the old file's mode (and owner, as root); the temporary file is
/// removed on any failure and when the run is interrupted. Every failure names its reason.
enum OutputFile {
    static func write(_ text: String, to path: String) throws {
        if path == "-" {
            Console.write(text, to: 1)
            return
        }
        // The string's own bytes, not a copy of them (a large JSON report is tens of megabytes).
        var text = text
        if let reason = text.withUTF8({ write($0, to: path) }) {
            throw Failure.badInput("cannot write \(path): \(reason)")
        }
    }

    private static func reason() -> String { String(cString: strerror(errno)) }

    /// nil when written, else why not.
    private static func write(_ buffer: UnsafeBufferPointer<UInt8>, to path: String) -> String? {
        var link = stat()
        var target = stat()
        let exists = lstat(path, &link) == 0
        let isLink = exists && (link.st_mode & S_IFMT) == S_IFLNK
        let resolved = exists && stat(path, &target) == 0
        if resolved && (target.st_mode & S_IFMT) == S_IFDIR { return String(cString: strerror(EISDIR)) }
        let special = path.hasPrefix("/dev/") || path.hasPrefix("/proc/")
        if resolved && ((target.st_mode & S_IFMT) != S_IFREG || (isLink && special)) {
            return inPlace(buffer, path)
        }
        // A link to a regular file: the file it names is replaced, the link kept.
        var destination = path
        if isLink, let real = realpath(path, nil) {
            destination = String(cString: real)
            free(real)
        }
        return replacing(destination, with: buffer, keeping: resolved ? target : nil)
    }

    private static func inPlace(_ buffer: UnsafeBufferPointer<UInt8>, _ path: String) -> String? {
        let fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC)
        guard fd >= 0 else { return reason() }
        if let failed = Console.writeAll(buffer, to: fd) {
            close(fd)
            return failed
        }
        return close(fd) == 0 ? nil : reason()
    }

    private static func replacing(_ path: String, with buffer: UnsafeBufferPointer<UInt8>, keeping old: stat?) -> String? {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var template = Array(((folder.isEmpty ? "" : folder + "/") + ".\(name).clause-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return reason() }
        let temporary = String(cString: template.withUnsafeBufferPointer { $0.baseAddress! })
        Interrupt.guardFile(temporary)
        defer { Interrupt.guardFile(nil) }
        func fail(_ why: String) -> String {
            close(fd)
            unlink(temporary)
            return why
        }
        if let failed = Console.writeAll(buffer, to: fd) { return fail(failed) }
        if let old {
            if fchmod(fd, old.st_mode & 0o7777) != 0 { return fail(reason()) }
            if getuid() == 0 && fchown(fd, old.st_uid, old.st_gid) != 0 { return fail(reason()) }
        } else {
            // A new file gets the usual mode for the user's umask, not mkstemp's 0600.
            let mask = umask(0)
            umask(mask)
            if fchmod(fd, 0o666 & ~mask) != 0 { return fail(reason()) }
        }
        if close(fd) != 0 {
            let why = reason()
            unlink(temporary)
            return why
        }
        if rename(temporary, path) != 0 {
            let why = reason()
            unlink(temporary)
            return why
        }
        return nil
    }
}

/// Removes the temporary file being written when the run is interrupted (Ctrl-C, a CI
/// timeout's SIGTERM), then dies of the same signal.
enum Interrupt {
    nonisolated(unsafe) private static var path: UnsafeMutablePointer<CChar>?

    static func guardFile(_ file: String?) {
        if let old = path { path = nil; free(old) }
        guard let file else { return }
        path = strdup(file)
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig) { received in
                if let p = Interrupt.path { unlink(p) }
                signal(received, SIG_DFL)
                raise(received)
            }
        }
    }
}
