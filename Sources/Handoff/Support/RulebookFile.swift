import ArgumentParser
import Foundation

/// Where the rulebook comes from, and reading it with a message that says which file, why it failed
/// and what to do.
struct RulebookFile {
    enum Origin {
        case given
        case environment
        case standard
        /// Found beside the rulebook by name (its tests).
        case companion
    }

    static let standardPath = "rulebook.yaml"

    var path: String
    var origin: Origin
    /// What the file holds, for messages.
    var noun = "rulebook"

    /// The path given on the command line, else HANDOFF_RULES, else ./rulebook.yaml.
    static func locate(given: String?, environment: [String: String]) -> RulebookFile {
        if let given { return RulebookFile(path: given, origin: .given) }
        if let fromEnvironment = environment["HANDOFF_RULES"], !fromEnvironment.isEmpty {
            return RulebookFile(path: fromEnvironment, origin: .environment)
        }
        return RulebookFile(path: standardPath, origin: .standard)
    }

    /// The file's text; when it cannot be had, says so on standard error and exits with code 2.
    func read(hint: String) throws -> String {
        do {
            return try text()
        } catch let problem as Problem {
            Console.error("handoff: cannot read \(noun) '\(path)'\(whence): \(problem.reason).")
            Console.error(hint)
            throw ExitCode.unreadable
        }
    }

    private var whence: String {
        switch origin {
        case .given: ""
        case .environment: " (named by HANDOFF_RULES)"
        case .standard: " (the default, in \(FileManager.default.currentDirectoryPath))"
        case .companion: " (the tests beside the rulebook)"
        }
    }

    struct Problem: Error { var reason: String }

    private func text() throws -> String {
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        guard files.fileExists(atPath: path, isDirectory: &isDirectory) else { throw Problem(reason: "no such file") }
        guard !isDirectory.boolValue else { throw Problem(reason: "it is a directory") }
        guard files.isReadableFile(atPath: path) else { throw Problem(reason: "permission denied") }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw Problem(reason: error.localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else { throw Problem(reason: "it is not UTF-8 text") }
        return text
    }
}
