import Foundation
import Testing

/// The release tarball of `scripts/release`, unpacked in an empty directory and run with an
/// environment that has no Swift toolchain on its paths. A release build takes minutes, so the
/// test runs when `CLAUSE_RELEASE_TARBALL` names a tarball:
///
///     scripts/release && CLAUSE_RELEASE_TARBALL=$PWD/dist/clause-0.1.0-linux-x86_64.tar.gz swift test --filter ReleaseTarballTests
@Suite struct ReleaseTarballTests {
    static let tarball = ProcessInfo.processInfo.environment["CLAUSE_RELEASE_TARBALL"]

    @Test(.enabled(if: tarball != nil, "set CLAUSE_RELEASE_TARBALL to a tarball made by scripts/release"))
    func theTarballRunsWithoutAToolchain() throws {
        let tarball = try #require(Self.tarball)
        let dir = try CLIRunner.temporaryDirectory()
        let unpack = try InstallTests.shell("/bin/tar", ["-xzf", tarball, "-C", dir.path])
        #expect(unpack.status == 0, "\(unpack.stderr)")
        let folder = try #require(try FileManager.default.contentsOfDirectory(atPath: dir.path).first { $0.hasPrefix("clause-") })
        let clause = dir.appendingPathComponent(folder).appendingPathComponent("bin/clause").path

        let ldd = try InstallTests.shell("/usr/bin/ldd", [clause])
        #expect(ldd.status == 0)
        #expect(!ldd.stdout.contains("libswift"), "\(ldd.stdout)")
        #expect(!ldd.stdout.contains("libFoundation"), "\(ldd.stdout)")

        // No toolchain on the paths, and run from an empty directory.
        let empty = try CLIRunner.temporaryDirectory()
        let env = ["PATH": "/usr/bin:/bin", "LD_LIBRARY_PATH": "", "HOME": empty.path]
        let sample = CLIRunner.packageRoot.appendingPathComponent("samples/acme-2026-q2.yaml").path
        let version = try InstallTests.shell("/usr/bin/env", ["-i"] + env.map { "\($0)=\($1)" } + [clause, "--version"], in: empty)
        #expect(version.status == 0, "\(version.stderr)")
        #expect(version.stdout.contains("/share/clause/rules/iso20000-1)"), "\(version.stdout)")
        let check = try InstallTests.shell("/usr/bin/env", ["-i"] + env.map { "\($0)=\($1)" } + [clause, "check", sample], in: empty)
        #expect(check.status == 1, "\(check.stderr)")
        #expect(check.stdout.contains("45 nonconformities"), "\(check.stdout.suffix(500))")
    }
}
