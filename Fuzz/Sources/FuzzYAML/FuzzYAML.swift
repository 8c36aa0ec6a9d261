import ClauseDocument

/// Any bytes as a YAML file: the loader must return documents or a located error, never crash,
/// hang or exhaust memory (depth, aliases and alias bombs included).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var options = LoadOptions()
    options.format = .yaml
    options.parallel = false
    _ = try? DocumentLoader.load(bytes: Array(UnsafeBufferPointer(start: data, count: size)), name: "fuzz.yaml", options: options)
    return 0
}
