// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Clause",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "clause", targets: ["clause"]),
        .library(name: "ClauseKit", targets: ["ClauseDocument", "ClauseExpression"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .target(name: "ClauseDiagnostics"),
        .target(name: "ClauseValue", dependencies: ["ClauseDiagnostics"]),
        .target(name: "ClauseDocument", dependencies: ["CYAML", "ClauseDiagnostics", "ClauseValue"]),
        .target(name: "ClauseExpression", dependencies: ["ClauseDiagnostics", "ClauseValue"]),
        .executableTarget(
            name: "clause",
            dependencies: [
                "ClauseDocument", "ClauseExpression", "ClauseDiagnostics", "ClauseValue",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "clause-bench", dependencies: ["CYAML", "ClauseDocument", "ClauseValue"]),
        .testTarget(name: "ClauseDiagnosticsTests", dependencies: ["ClauseDiagnostics"]),
        .testTarget(
            name: "ClauseDocumentTests",
            dependencies: ["ClauseDocument", "ClauseValue", "ClauseDiagnostics"],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "ClauseCLITests", dependencies: ["ClauseValue"]),
    ]
)
