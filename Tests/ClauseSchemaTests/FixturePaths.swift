import Foundation

/// Locates the test data that sits beside the tests in the source tree.
enum FixturePaths {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func path(_ components: String...) -> String {
        components.reduce(fixtures) { $0.appendingPathComponent($1) }.path
    }
}
