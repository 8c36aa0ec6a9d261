import ArgumentParser
import ClauseRules

/// `--fail-on`: the lowest severity that fails the gate, or `none`. Parsed by ArgumentParser,
/// so a wrong value is refused with the allowed ones listed, before anything runs.
enum FailOn: String, ExpressibleByArgument, CaseIterable {
    case major, minor, observation, none

    var severity: Severity? { Severity(rawValue: rawValue) }
}

/// `--stage documentation|operation`, parsed straight into the engine's type.
extension Stage: ExpressibleByArgument {}
