import Foundation
import HandoffCore
import Yams

/// The per-user console settings in `$XDG_CONFIG_HOME/handoff/config.yaml`. A setting left out is nil,
/// so the caller's own default applies.
public struct UserConfig: Sendable, Equatable {
    /// A theme name or path, as `--theme` takes it.
    public var theme: String?
    /// Whether the console takes mouse clicks and scrolling.
    public var mouse: Bool?
    /// The name written in the log for this operator's commands (the file's `operator:` key).
    public var operatorName: String?
    /// The operator's own key bindings (the file's `keys:` section), applied over the standard map.
    public var keyOverrides: [KeyOverride] = []

    public init(theme: String? = nil, mouse: Bool? = nil, operatorName: String? = nil) {
        self.theme = theme
        self.mouse = mouse
        self.operatorName = operatorName
    }

    public static let keys = ["theme", "mouse", "operator", "keys"]

    /// The key map in force for this operator.
    public var keyBindings: KeyBindings { KeyBindings(overrides: keyOverrides) }

    /// The config file's path, or nil when there is no home to find it in.
    public static func path(environment: [String: String]) -> String? {
        ConfigPaths.handoffDirectory(environment: environment).map { ConfigPaths.join($0, "config.yaml") }
    }

    /// Reads the config file; no file is no settings and no problems.
    public static func load(environment: [String: String]) -> (UserConfig, [ThemeProblem]) {
        guard let path = path(environment: environment), FileManager.default.fileExists(atPath: path) else { return (UserConfig(), []) }
        do {
            return parse(yaml: try String(contentsOfFile: path, encoding: .utf8), file: path)
        } catch {
            return (UserConfig(), [ThemeProblem(file: path, line: 1, column: 1, key: "", message: "cannot read the file: \(error.localizedDescription)")])
        }
    }

    /// Pure. Settings that are right apply even when others are wrong: one typo should not cost the rest.
    public static func parse(yaml: String, file: String) -> (UserConfig, [ThemeProblem]) {
        var log = ProblemLog(file: file)
        var config = UserConfig()
        let (root, _) = ThemeYAML.compose(yaml, log: &log)
        guard let root, let entries = ThemeYAML.entries(root, key: "", example: "theme: light", log: &log) else { return (config, log.sorted) }
        for (name, keyNode, value) in entries where !ThemeYAML.isNull(value) {
            switch name {
            case "theme": config.theme = ThemeYAML.text(value, key: name, log: &log)
            case "operator": config.operatorName = ThemeYAML.text(value, key: name, log: &log)
            case "keys": config.keyOverrides = KeyConfig.parse(value, log: &log)
            case "mouse":
                if let flag = value.bool, value.tag == Tag(.bool) {
                    config.mouse = flag
                } else {
                    log.add("must be true or false; found \(ThemeYAML.shape(value))", key: name, at: value)
                }
            default:
                let hint = Suggestion.closest(to: name, in: keys).map { "did you mean \"\($0)\"?" } ?? "use " + keys.joined(separator: ", ")
                log.add("unknown key \"\(name)\"; \(hint)", key: name, at: keyNode)
            }
        }
        return (config, log.sorted)
    }
}
