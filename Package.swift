// swift-tools-version:6.0
import PackageDescription

/// The modules of the library products, named once so that the embedding example uses only them.
let clauseKit = ["ClauseDiagnostics", "ClauseValue", "ClauseDocument", "ClauseRules", "ClauseReport"]
let clauseEngine = ["ClauseDiagnostics", "ClauseValue", "ClauseDocument", "ClauseRules"]
let clauseCEL = ["ClauseExpression", "ClauseValue"]

let package = Package(
    name: "Clause",
    products: [
        .executable(name: "clause", targets: ["clause"]),
        .library(name: "ClauseKit", targets: clauseKit),
        // The rules engine without the reporters, and with no crypto package: for programs that
        // only load packs and evaluate snapshots (and the fuzz targets).
        .library(name: "ClauseEngine", targets: clauseEngine),
        .library(name: "ClauseCEL", targets: clauseCEL),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // `swift package generate-documentation` (docs/embedding.md); a plugin, not linked.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .target(name: "ClauseDiagnostics"),
        .target(name: "CPrefetch"),
        .target(name: "ClauseValue", dependencies: ["ClauseDiagnostics", "CPrefetch"]),
        .target(name: "ClauseDocument", dependencies: ["CYAML", "ClauseDiagnostics", "ClauseValue"]),
        .target(name: "ClauseExpression", dependencies: ["ClauseDiagnostics", "ClauseValue"]),
        .target(name: "ClauseSchema", dependencies: ["ClauseDiagnostics", "ClauseValue", "ClauseExpression"]),
        // The runner of CEL's conformance suites (JSON form), beside the language, not in it.
        .target(name: "CELConformance", dependencies: ["ClauseExpression", "ClauseValue"]),
        .executableTarget(name: "cel-conformance", dependencies: ["CELConformance"]),
        .target(
            name: "ClauseRules",
            dependencies: ["ClauseDiagnostics", "ClauseValue", "ClauseDocument", "ClauseExpression", "ClauseSchema"]
        ),
        // The SHA-256 of a file for run manifests and provenance, kept out of the rules engine
        // so that embedding it does not pull in a crypto package.
        .target(name: "ClauseDigest", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(
            name: "ClauseReport",
            dependencies: ["ClauseRules", "ClauseDiagnostics", "ClauseDocument", "ClauseValue", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "ClauseImport",
            dependencies: [
                "ClauseDiagnostics", "ClauseValue", "ClauseDocument", "ClauseExpression", "ClauseRules", "ClauseDigest",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "clause",
            dependencies: [
                "ClauseDocument", "ClauseExpression", "ClauseRules", "ClauseReport", "ClauseDiagnostics", "ClauseValue", "ClauseImport", "ClauseDigest",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // docs/embedding.md's example, run by EmbeddingExampleTests: the library products' modules only.
        .executableTarget(name: "clause-embedding-example", dependencies: Array(Set(clauseKit + clauseCEL)).sorted().map { .target(name: $0) },
                          path: "Examples/Embedding"),
        .executableTarget(name: "clause-bench", dependencies: ["CYAML", "ClauseDocument", "ClauseValue", "ClauseExpression", "ClauseRules", "ClauseDigest"]),
        .testTarget(name: "ClauseDiagnosticsTests", dependencies: ["ClauseDiagnostics"]),
        .testTarget(name: "ClauseValueTests", dependencies: ["ClauseValue"]),
        .testTarget(
            name: "ClauseDocumentTests",
            dependencies: ["ClauseDocument", "ClauseValue", "ClauseDiagnostics"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "ClauseExpressionTests",
            dependencies: ["ClauseExpression", "ClauseValue", "ClauseDiagnostics", "CELConformance"],
            resources: [.copy("Fixtures")]
        ),
        .target(name: "ClauseTestSupport", path: "Tests/ClauseTestSupport", exclude: ["README.md", "sarif-schema-2.1.0.json"]),
        .testTarget(name: "ClauseCLITests", dependencies: ["clause", "clause-embedding-example", "ClauseTestSupport"], exclude: ["Golden"]),
        .testTarget(
            name: "ClauseImportTests",
            dependencies: ["ClauseImport", "ClauseRules", "ClauseDocument", "ClauseValue", "ClauseDiagnostics", "ClauseExpression", "ClauseSchema"],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "ClauseRulesTests", dependencies: ["ClauseRules", "ClauseDocument", "ClauseValue"]),
        .testTarget(name: "ClauseReportTests", dependencies: ["ClauseReport", "ClauseRules", "ClauseTestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "ClauseSchemaTests",
            dependencies: ["ClauseSchema", "ClauseDocument", "ClauseValue", "ClauseDiagnostics"],
            exclude: ["Fixtures"]
        ),
    ]
)
