import ArgumentParser
import Foundation
import HandoffConsole
import HandoffDesk

/// `--operator NAME`: who the log records as acting.
struct OperatorOptions: ParsableArguments {
    @Option(name: .customLong("operator"), help: ArgumentHelp(
        "Your name in the log. Default: $HANDOFF_OPERATOR, else `operator:` in the config file, else your login name.", valueName: "name"
    ))
    var name: String?

    func validate() throws {
        if let name, name.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--operator needs a name.")
        }
        if let name, Permission.isSystem(name) {
            throw ValidationError("--operator '\(name)' is a name Handoff keeps for itself (the log's own actors); give your own name.")
        }
    }

    /// The option, else HANDOFF_OPERATOR, else the config file's `operator:`, else USER or LOGNAME, else "operator".
    func resolved(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let name { return name }
        if let value = Self.nonEmpty(environment["HANDOFF_OPERATOR"]) { return value }
        if let value = Self.nonEmpty(UserConfig.load(environment: environment).0.operatorName) { return value }
        for variable in ["USER", "LOGNAME"] {
            if let value = Self.nonEmpty(environment[variable]) { return value }
        }
        return "operator"
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        return text
    }
}
