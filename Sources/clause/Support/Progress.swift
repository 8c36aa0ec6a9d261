import Dispatch
import Foundation
import ClauseDiagnostics
import Synchronization

/// A sign of life on a terminal for long runs: once a run has taken a second, standard error
/// shows what it is doing and for how long, on one line that is cleared at the end. Nothing is
/// shown when standard error is not a terminal (CI logs, pipes), nor for short runs.
final class Progress: Sendable {
    private let phase = Mutex<String>("")
    private let shown = Atomic<Bool>(false)
    private nonisolated(unsafe) let timer: DispatchSourceTimer?
    private let finished = Atomic<Bool>(false)
    private let start = DispatchTime.now()

    init() {
        guard isatty(2) != 0, ProcessInfo.processInfo.environment["CLAUSE_NO_PROGRESS"] == nil else {
            timer = nil
            return
        }
        let timer = DispatchSource.makeTimerSource(queue: .global())
        self.timer = timer
        timer.schedule(deadline: .now() + 1, repeating: 0.5)
        timer.setEventHandler { [weak self] in self?.draw() }
        timer.resume()
    }

    /// What the run does now (`loading snapshot.yaml`, `evaluating 125 rules`).
    func say(_ text: String) {
        phase.withLock { $0 = TerminalText.escaped(text, lines: false) }
    }

    /// Clears the line before the report is written (once; later calls do nothing).
    func finish() {
        guard !finished.exchange(true, ordering: .relaxed) else { return }
        timer?.cancel()
        if shown.load(ordering: .relaxed) { StandardError.write("\r\u{1B}[K") }
    }

    private func draw() {
        guard !finished.load(ordering: .relaxed) else { return }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let text = phase.withLock { $0 }
        guard !text.isEmpty else { return }
        shown.store(true, ordering: .relaxed)
        StandardError.write("\r\u{1B}[K\(text) (\(Int(seconds)) s)")
    }
}
