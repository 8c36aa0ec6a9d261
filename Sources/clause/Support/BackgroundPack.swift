import ClauseRules
import Dispatch

/// Loads a rule pack on another thread, so that it loads on the other core while the first
/// snapshot is parsed.
final class BackgroundPack: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<Pack, any Error>?

    init(paths: [String]) {
        DispatchQueue.global().async {
            self.result = Result { try CommandSupport.loadPack(paths) }
            self.done.signal()
        }
    }

    /// The pack, waiting for it if needed; throws what loading it threw.
    func wait() throws -> Pack {
        done.wait()
        return try result!.get()
    }
}
