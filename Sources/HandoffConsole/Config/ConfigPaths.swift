/// Where per-user files live, by the XDG base directory rules.
enum ConfigPaths {
    /// `$XDG_CONFIG_HOME/handoff`, or `~/.config/handoff`; nil when neither can be found. A relative
    /// XDG_CONFIG_HOME is ignored, as the XDG spec asks.
    static func handoffDirectory(environment: [String: String]) -> String? {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return join(xdg, "handoff") }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return join(home, ".config/handoff")
    }

    /// `a/b` with exactly one slash between.
    static func join(_ base: String, _ child: String) -> String {
        if child.hasPrefix("/") { return child }
        return base.hasSuffix("/") ? base + child : base + "/" + child
    }

    /// `~/x` with the home directory, a relative path against `directory`; absolute paths as they are.
    static func absolute(_ path: String, in directory: String, environment: [String: String]) -> String {
        if path == "~" || path.hasPrefix("~/"), let home = environment["HOME"], !home.isEmpty {
            return join(home, String(path.dropFirst(2)))
        }
        return join(directory, path)
    }
}
