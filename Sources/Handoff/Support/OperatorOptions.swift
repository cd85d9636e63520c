import ArgumentParser
import Foundation

/// `--operator NAME`: who the log records as acting.
struct OperatorOptions: ParsableArguments {
    @Option(name: .customLong("operator"), help: ArgumentHelp(
        "Your name in the log. Default: $HANDOFF_OPERATOR, else your login name.", valueName: "name"
    ))
    var name: String?

    func validate() throws {
        if let name, name.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--operator needs a name.")
        }
    }

    /// The option, else HANDOFF_OPERATOR, else USER or LOGNAME, else "operator".
    func resolved(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let name { return name }
        for variable in ["HANDOFF_OPERATOR", "USER", "LOGNAME"] {
            if let value = environment[variable]?.trimmingCharacters(in: .whitespaces), !value.isEmpty { return value }
        }
        return "operator"
    }
}
