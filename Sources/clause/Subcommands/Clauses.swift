import ArgumentParser
import ClauseRules

/// Lists the catalogue with the rules covering each clause; marks the uncovered ones.
struct Clauses: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the standard's clauses and the rules covering each.")

    @OptionGroup var packs: PackOptions

    func run() throws {
        let pack = try packs.load()
        var out = "\(pack.title) (\(pack.id) \(pack.version))\n\n"
        var uncovered = 0
        for entry in pack.catalogue {
            let rules = pack.rules.filter { $0.clauses.contains(entry.number) }.map(\.id)
            let depth = entry.number.split(separator: ".").count - 1
            let indent = String(repeating: "  ", count: depth)
            let label = "\(indent)\(entry.number) \(entry.title)"
            let padded = label.count >= 70 ? label + " " : label + String(repeating: " ", count: 70 - label.count)
            if rules.isEmpty && entry.parent != nil { uncovered += 1 }
            out += padded + (rules.isEmpty ? (entry.parent == nil ? "" : "UNCOVERED") : rules.joined(separator: ", ")) + "\n"
        }
        out += "\n\(pack.catalogue.count) clauses, \(pack.rules.count) rules, \(uncovered) subclauses without a rule\n"
        var stdout = StandardOutput()
        stdout.write(out)
    }
}
