internal import CYAML
import Foundation

/// Bytes handed to libyaml as it asks for them: an optional prefix, then a range of a buffer in
/// memory or of a memory-mapped file, whose pages are given back once libyaml has copied them.
final class YAMLInput {
    private let prefix: [UInt8]
    private var prefixUsed = 0
    private let base: UnsafePointer<UInt8>?
    private var position: Int
    private let end: Int
    private let mapped: MappedFile?
    private var releasedUpTo: Int
    private let stop: StopSignal?

    /// Tells the readers of a file's two halves that one half has failed: the other then reads
    /// an early end of file, so that its parse ends at once instead of running on for nothing.
    final class StopSignal: @unchecked Sendable {
        private let lock = NSLock()
        private var stopped = false

        func raise() { lock.withLock { stopped = true } }
        var isRaised: Bool { lock.withLock { stopped } }
    }

    init(prefix: [UInt8] = [], bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, mapped: MappedFile?, stop: StopSignal? = nil) {
        self.stop = stop
        self.prefix = prefix
        self.base = bytes.baseAddress
        self.position = range.lowerBound
        self.end = range.upperBound
        self.mapped = mapped
        self.releasedUpTo = range.lowerBound
    }

    /// Makes `parser` read from this input, which must outlive the parse.
    func attach(to parser: UnsafeMutablePointer<yaml_parser_t>) {
        yaml_parser_set_input(parser, { data, buffer, size, sizeRead in
            guard let data, let buffer, let sizeRead else { return 0 }
            sizeRead.pointee = Unmanaged<YAMLInput>.fromOpaque(data).takeUnretainedValue().read(into: buffer, capacity: size)
            return 1
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    private func read(into buffer: UnsafeMutablePointer<UInt8>, capacity: Int) -> Int {
        if prefixUsed < prefix.count {
            let n = min(capacity, prefix.count - prefixUsed)
            prefix.withUnsafeBufferPointer { source in
                if let source = source.baseAddress { buffer.update(from: source + prefixUsed, count: n) }
            }
            prefixUsed += n
            return n
        }
        guard let base, stop?.isRaised != true else { return 0 }
        let n = min(capacity, end - position)
        guard n > 0 else { return 0 }
        buffer.update(from: base + position, count: n)
        position += n
        if let mapped, position - releasedUpTo > 1 << 20 {
            mapped.release(releasedUpTo..<position)
            releasedUpTo = position
        }
        return n
    }
}
