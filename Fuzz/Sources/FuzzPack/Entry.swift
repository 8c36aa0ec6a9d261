import FuzzSupport

@_cdecl("FuzzPack_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { data, size in data.map { fuzzPack($0, size) } ?? 0 }
}
