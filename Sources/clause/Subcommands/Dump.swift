import ArgumentParser
import ClauseDocument

/// Shows how Clause reads a file: one line of JSON per document.
struct Dump: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print each document of the given YAML or JSON files as one line of JSON.",
        discussion: """
        Maps keep their order. Values JSON cannot hold are one-key objects: {"$float":"NaN"}, \
        {"$float":"Infinity"}, {"$bytes":"<base64>"}. A file that cannot be read is reported \
        with file:line:column and exit code 2.
        """
    )

    @Argument(help: "YAML or JSON files (.json is read as strict JSON).")
    var files: [String]

    func run() throws {
        // Every file is read before anything is printed: a file that cannot be read leaves
        // the output empty rather than half written.
        var output: [UInt8] = []
        for file in files {
            let documents: [Document]
            do {
                documents = try DocumentLoader.load(path: file)
            } catch {
                StandardError.write(error.rendered + "\n")
                throw ExitCode(2)
            }
            for document in documents {
                JSONWriter.write(document.root, to: &output)
                output.append(0x0A)
            }
        }
        Console.write(output, to: 1)
    }
}
