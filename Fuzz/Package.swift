// swift-tools-version:6.0
// libFuzzer targets for Clause's input parsers, kept out of the main build (see scripts/fuzz and
// docs/reliability.md). Built with: swift build -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
import PackageDescription

let package = Package(
    name: "ClauseFuzz",
    dependencies: [.package(name: "Clause", path: "..")],
    targets: [
        .executableTarget(name: "FuzzYAML", dependencies: [.product(name: "ClauseKit", package: "Clause")]),
        .executableTarget(name: "FuzzJSON", dependencies: [.product(name: "ClauseKit", package: "Clause")]),
        .executableTarget(name: "FuzzCEL", dependencies: [.product(name: "ClauseCEL", package: "Clause")]),
    ]
)
