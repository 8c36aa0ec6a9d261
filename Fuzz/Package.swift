// swift-tools-version:6.0
// libFuzzer targets for Clause's input parsers, kept out of the main build (see scripts/fuzz and
// docs/reliability.md). Built with: swift build -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
import PackageDescription

let package = Package(
    name: "ClauseFuzz",
    dependencies: [.package(name: "Clause", path: "..")],
    targets: [
        .target(name: "FuzzSupport"),
        .executableTarget(name: "FuzzYAML", dependencies: ["FuzzSupport", .product(name: "ClauseEngine", package: "Clause")]),
        .executableTarget(name: "FuzzJSON", dependencies: ["FuzzSupport", .product(name: "ClauseEngine", package: "Clause")]),
        .executableTarget(name: "FuzzCEL", dependencies: ["FuzzSupport", .product(name: "ClauseCEL", package: "Clause")]),
        .executableTarget(name: "FuzzPack", dependencies: ["FuzzSupport", .product(name: "ClauseEngine", package: "Clause")]),
    ]
)
