import FuzzSupport

@_cdecl("FuzzYAML_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { data, size in data.map { fuzzYAML($0, size) } ?? 0 }
}
