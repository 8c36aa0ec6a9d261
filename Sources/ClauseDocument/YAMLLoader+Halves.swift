import ClauseDiagnostics
import ClauseValue
import Dispatch

extension YAMLLoader {
    /// Parses the two halves of a file cut at `split` on both cores and joins them; nil when
    /// either half fails or they do not fit together as one parse would have read them, and the
    /// caller parses the file in one piece (so any error is reported exactly as it would be).
    func loadHalves(_ bytes: UnsafeBufferPointer<UInt8>, _ split: YAMLSplit, mapped: MappedFile?) -> [Document]? {
        guard split.offset < bytes.count, YAMLSplit.followsContent(bytes, split.offset),
              YAMLSplit.kind(of: bytes, at: split.offset) == split.continuesList
        else { return nil }
        // Each input is read by one thread only; a half that fails stops the other.
        let stop = YAMLInput.StopSignal()
        nonisolated(unsafe) let inputs = [
            YAMLInput(bytes: bytes, range: 0..<split.offset, mapped: mapped, stop: stop),
            YAMLInput(prefix: split.prefix, bytes: bytes, range: split.offset..<bytes.count, mapped: mapped, stop: stop),
        ]
        var parsed: [Parsed?] = [nil, nil]
        nonisolated(unsafe) var linesBefore = 0
        nonisolated(unsafe) let bytes = bytes
        parsed.withUnsafeMutableBufferPointer { results in
            nonisolated(unsafe) let results = results
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                var loader = self
                if i == 0 {
                    loader.half = .first
                } else {
                    // The second half's line numbers go on from the lines before the cut (less
                    // the stand-in key's line), counted here, beside the first half's parse.
                    linesBefore = YAMLSplit.lineFeeds(bytes, upTo: split.offset)
                    loader.half = .second
                    loader.lineOffset = linesBefore - (split.continuesList ? 1 : 0)
                }
                results[i] = try? loader.parse(inputs[i])
                if results[i] == nil { stop.raise() }
            }
        }
        guard !stop.isRaised else { return nil }
        // The first half must end where the cut is, as libyaml counts lines (a lone CR or a
        // Unicode line break would shift every mark of the second half).
        guard let head = parsed[0], let tail = parsed[1], head.endsWithBlockList || !split.continuesList,
              head.end == SourceMark(line: linesBefore + 1, column: 1),
              head.documents.count == 1, tail.documents.count == 1,
              case .map(let top) = head.documents[0].root, case .map(let rest) = tail.documents[0].root
        else { return nil }
        var entries = Array(top.entries)
        var restEntries = Array(rest.entries)
        // Both halves' top-level keys start in column 1, as the second half's own do: a root
        // mapping indented in the file would read differently once cut.
        guard entries.first?.keyMark.column == 1, restEntries.first?.keyMark.column == 1 else { return nil }
        if split.continuesList {
            // The cut line continues the list of the first half's last key, with its items'
            // dashes in the same column (a block sequence starts at its first dash).
            guard let last = entries.last, case .list(let items) = last.value, let standIn = restEntries.first,
                  standIn.key == .string("_"), case .list(let more) = standIn.value,
                  last.valueMark.column == standIn.valueMark.column
            else { return nil }
            let joined = ValueList(items.elements + more.elements, marks: items.marks + more.marks)
            entries[entries.count - 1] = ValueMap.Entry(key: last.key, value: .list(joined), keyMark: last.keyMark, valueMark: last.valueMark)
            restEntries.removeFirst()
        }
        let keys = Set(entries.map(\.key))
        guard restEntries.allSatisfy({ !keys.contains($0.key) }) else { return nil }
        let root = Value.map(ValueMap(entries: entries + restEntries, hasMarks: true))
        return [Document(source: source, root: root, rootMark: head.documents[0].rootMark, index: 0)]
    }
}
