import ClauseDigest
import Dispatch

/// Hashes a snapshot file on the other core while it is being parsed, so the run manifest's
/// sha256 costs no wall time on a large file.
final class BackgroundDigest: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var digest: String?

    init(path: String) {
        DispatchQueue.global().async {
            self.digest = FileDigest.sha256(path: path)
            self.done.signal()
        }
    }

    /// The digest, waiting for it if needed; nil when the file could not be read.
    func wait() -> String? {
        done.wait()
        return digest
    }
}
