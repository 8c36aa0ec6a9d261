import ArgumentParser
import ClauseDiagnostics
import ClauseDocument

/// Bad input: the rendered diagnostics go to standard error and the exit code is 2.
enum Failure {
    static func badInput(_ error: DiagnosticError) -> ExitCode {
        StandardError.write(error.rendered + "\n")
        return ExitCode(2)
    }

    static func badInput(_ error: DocumentError) -> ExitCode {
        StandardError.write(error.rendered + "\n")
        return ExitCode(2)
    }

    static func badInput(_ message: String) -> ExitCode {
        StandardError.write("error: " + message + "\n")
        return ExitCode(2)
    }
}
