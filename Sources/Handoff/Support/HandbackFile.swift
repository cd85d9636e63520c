import ArgumentParser
import Foundation
import HandoffServer
import HandoffText

/// Where `handoff serve` finds its handback configuration: the file named, else `handback.yaml` beside
/// the rulebook when there is one (none: nothing is delivered).
enum HandbackFile {
    static let standardName = "handback.yaml"

    static func path(option: String?, rulesPath: String) -> String {
        option ?? ((rulesPath as NSString).deletingLastPathComponent as NSString).appendingPathComponent(standardName)
    }

    /// The configuration with its secrets read; a file with problems stops the start (exit 1) with each one.
    static func load(option: String?, rulesPath: String) throws -> Handback? {
        let path = path(option: option, rulesPath: rulesPath)
        if option == nil, !FileManager.default.fileExists(atPath: path) { return nil }
        do {
            return try Handback.load(path: path)
        } catch {
            for line in error.lines { Console.error(TerminalText.safe(line)) }
            Console.error("handoff serve: not started; mend \(path) (docs/SERVE.md#handback shows a complete one) and start again")
            throw ExitCode.failure
        }
    }
}
