import ClauseDocument

/// Any bytes as a JSON file: a value or a located error, never a crash or a hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var options = LoadOptions()
    options.format = .json
    options.parallel = false
    if let documents = try? DocumentLoader.load(bytes: Array(UnsafeBufferPointer(start: data, count: size)), name: "fuzz.json", options: options) {
        for document in documents { _ = JSONWriter.string(document.root) }
    }
    return 0
}
