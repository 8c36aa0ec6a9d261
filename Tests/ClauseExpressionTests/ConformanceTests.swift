import CELConformance
import ClauseExpression
import Foundation
import Testing

@Suite struct ConformanceTests {
    /// Measured passing counts; raise them when the implementation improves, never lower them.
    static let coreRatchet = 837
    static let extRatchet = 461

    @Test func suitePassesAtLeastTheRatchet() throws {
        let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil)).appendingPathComponent("cel")
        let files = ConformanceSuite.files(in: [folder.path])
        #expect(files.count == 23)
        var core = 0, ext = 0
        var failures: [String] = []
        for file in files {
            let o = try ConformanceSuite.run(file: file)
            if o.category == "core" { core += o.passed } else { ext += o.passed }
            if o.category == "core" { failures += o.failures.map(\.description) }
        }
        #expect(core >= Self.coreRatchet, "core failures:\n\(failures.joined(separator: "\n"))")
        #expect(ext >= Self.extRatchet)
    }
}
