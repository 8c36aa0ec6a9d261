import FuzzSupport

@_cdecl("FuzzCEL_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { data, size in data.map { fuzzCEL($0, size) } ?? 0 }
}
