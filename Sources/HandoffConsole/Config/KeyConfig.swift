import Foundation
import HandoffCore
import Yams

/// The `keys:` section of the user config: an action's name and the key or keys that run it.
///
///     keys:
///       down: [j, Down, Ctrl-N]
///       approve: y
///
/// A binding that cannot be read is reported with its line and column and left out; the action keeps
/// its standard keys, and the rest of the section still applies.
enum KeyConfig {
    static let example = "keys: {down: [j, Down, Ctrl-N]}"

    static func parse(_ node: Node, log: inout ProblemLog) -> [KeyOverride] {
        guard let entries = ThemeYAML.entries(node, key: "keys", example: example, log: &log) else { return [] }
        var overrides: [KeyOverride] = []
        // Which action each key was given to in this file, so a second use is caught.
        var given: [Key: ConsoleCommand] = [:]
        // `down:` with nothing after it is the same as leaving it out, as everywhere in the file.
        for (name, keyNode, value) in entries where !ThemeYAML.isNull(value) {
            let path = ThemeYAML.path("keys", name)
            guard let command = ConsoleCommand.named(name) else {
                let names = ConsoleCommand.allCases.map(\.configName)
                let hint = Suggestion.closest(to: name, in: names).map { "did you mean \"\($0)\"?" } ?? "actions are " + names.joined(separator: ", ")
                log.add("unknown action \"\(name)\"; \(hint)", key: path, at: keyNode)
                continue
            }
            let items: [Node]
            switch value {
            case .sequence(let list): items = Array(list)
            case .scalar where !ThemeYAML.isNull(value): items = [value]
            default:
                log.add("must be a key or a list of keys, e.g. [j, Down]; found \(ThemeYAML.shape(value))", key: path, at: value)
                continue
            }
            var keys: [Key] = []
            for item in items {
                guard let text = item.scalar?.string, !ThemeYAML.isNull(item) else {
                    log.add("each key is a single name, e.g. Ctrl-N; found \(ThemeYAML.shape(item))", key: path, at: item)
                    continue
                }
                guard let key = KeyNames.key(text) else {
                    log.add("\"\(text)\" is not a key; write keys as \(KeyNames.examples)", key: path, at: item)
                    continue
                }
                if let other = given[key], other != command {
                    log.add("\(key.name) is already bound to \(other.configName) above; it stays there", key: path, at: item)
                    continue
                }
                given[key] = command
                if !keys.contains(key) { keys.append(key) }
            }
            if items.isEmpty { log.add("give at least one key, e.g. [j, Down]", key: path, at: value) }
            // Nothing readable: the action keeps its standard keys rather than losing them all.
            if !keys.isEmpty { overrides.append(KeyOverride(command, keys)) }
        }
        return overrides
    }
}

extension ConsoleCommand {
    /// How the config file names the action: `next-tab`, `out-of-office`.
    public var configName: String {
        var out = ""
        for c in rawValue {
            if c.isUppercase { out += "-" + c.lowercased() } else { out.append(c) }
        }
        return out
    }

    /// An action by its config name, also written with underscores or in camel case.
    public static func named(_ name: String) -> ConsoleCommand? {
        let wanted = name.replacingOccurrences(of: "_", with: "-").lowercased()
        return allCases.first { $0.configName == wanted || $0.rawValue.lowercased() == wanted }
    }
}
