import Foundation
import HandoffCore

/// The theme the console will use, and what to tell the operator about how it was found.
public struct ThemeResolution: Sendable {
    /// Always usable: the built-in default when the asked-for theme is missing or has problems.
    public var theme: Theme
    /// Where it came from: a file's path, or "built-in dark".
    public var source: String
    /// Problems in the theme file or the config file, to show beside the console.
    public var problems: [ThemeProblem]
    /// One line for the status bar when the theme is not the one asked for.
    public var notice: String?
    /// Why the asked-for theme is not used, without saying what is used instead: a running console
    /// keeps the theme it has, a starting one takes the default.
    public var reason: String?

    public init(theme: Theme, source: String, problems: [ThemeProblem] = [], notice: String? = nil) {
        self.theme = theme
        self.source = source
        self.problems = problems
        self.notice = notice
    }
}

/// Finds themes by name or path. The only file reading is here; parsing stays in ThemeLoader.
public enum ThemeCatalog {
    public static let defaultName = "dark"
    /// The shipped themes, the default first, for `:theme` completion.
    public static let builtinNames: [String] = BuiltinTheme.all.map(\.name)

    /// `$XDG_CONFIG_HOME/handoff/themes`, or `~/.config/handoff/themes`.
    public static func userThemeDirectory(environment: [String: String]) -> String? {
        ConfigPaths.handoffDirectory(environment: environment).map { ConfigPaths.join($0, "themes") }
    }

    /// A value with a "/" or ending in ".yaml" is a file; anything else is a theme's name.
    public static func isPath(_ value: String) -> Bool { value.contains("/") || value.hasSuffix(".yaml") }

    /// Every name `resolve` would find: the built-ins, then the user's and `./Themes` files, by name.
    public static func availableNames(environment: [String: String], currentDirectory: String) -> [String] {
        let files = searchDirectories(environment: environment, currentDirectory: currentDirectory).flatMap { directory in
            ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
                .filter { $0.hasSuffix(".yaml") && !$0.hasPrefix(".") }
                .map { String($0.dropLast(5)) }
        }
        return builtinNames + Set(files).subtracting(builtinNames).sorted()
    }

    /// Finds and loads a theme. A name is looked up in the user's theme directory, then `./Themes`,
    /// then among the built-ins; nil means the config file's `theme:`, else the default.
    public static func resolve(_ nameOrPath: String?, environment: [String: String], currentDirectory: String) -> ThemeResolution {
        guard let nameOrPath else {
            let (config, configProblems) = UserConfig.load(environment: environment)
            var resolution = config.theme.map { resolve($0, environment: environment, currentDirectory: currentDirectory) } ?? builtinDefault()
            if config.theme != nil, let notice = resolution.notice, let file = UserConfig.path(environment: environment) {
                resolution.notice = "\(file): \(notice)"
            }
            resolution.problems = configProblems + resolution.problems
            return resolution
        }
        if isPath(nameOrPath) {
            return fromFile(ConfigPaths.absolute(nameOrPath, in: currentDirectory, environment: environment), shownAs: nameOrPath)
        }
        for directory in searchDirectories(environment: environment, currentDirectory: currentDirectory) {
            let path = ConfigPaths.join(directory.path, nameOrPath + ".yaml")
            if FileManager.default.fileExists(atPath: path) {
                return fromFile(path, shownAs: ConfigPaths.join(directory.shownAs, nameOrPath + ".yaml"))
            }
        }
        if let theme = BuiltinTheme.loaded[nameOrPath] { return ThemeResolution(theme: theme, source: "built-in \(nameOrPath)") }
        let known = availableNames(environment: environment, currentDirectory: currentDirectory)
        let guess = Suggestion.closest(to: nameOrPath, in: known).map { " (did you mean \"\($0)\"?)" } ?? ""
        var fallback = builtinDefault()
        fallback.notice = "no theme named \"\(nameOrPath)\"\(guess); using the built-in \(defaultName) theme; themes: \(known.joined(separator: ", "))"
        fallback.reason = "no theme named \"\(nameOrPath)\"\(guess); themes: \(known.joined(separator: ", "))"
        return fallback
    }

    /// Where named themes are looked for, in order; `shownAs` keeps `./Themes` relative in messages.
    private static func searchDirectories(environment: [String: String], currentDirectory: String) -> [(path: String, shownAs: String)] {
        var directories: [(path: String, shownAs: String)] = []
        if let user = userThemeDirectory(environment: environment) { directories.append((user, user)) }
        directories.append((ConfigPaths.join(currentDirectory, "Themes"), "Themes"))
        return directories
    }

    private static func builtinDefault() -> ThemeResolution {
        ThemeResolution(theme: .default, source: "built-in \(defaultName)")
    }

    /// The file's theme, or the default with the reason it was not used.
    private static func fromFile(_ path: String, shownAs: String) -> ThemeResolution {
        var fallback = builtinDefault()
        guard FileManager.default.fileExists(atPath: path) else {
            fallback.notice = "no theme file \(shownAs); using the built-in \(defaultName) theme"
            fallback.reason = "no theme file \(shownAs)"
            return fallback
        }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            fallback.notice = "cannot read \(shownAs) (\(error.localizedDescription)); using the built-in \(defaultName) theme"
            fallback.reason = "cannot read \(shownAs) (\(error.localizedDescription))"
            return fallback
        }
        let load = ThemeLoader.load(yaml: text, file: shownAs)
        if let theme = load.theme { return ThemeResolution(theme: theme, source: shownAs) }
        let count = load.problems.count == 1 ? "a problem" : "\(load.problems.count) problems"
        fallback.problems = load.problems
        fallback.notice = "\(shownAs) has \(count); using the built-in \(defaultName) theme"
        fallback.reason = "\(shownAs) has \(count)"
        return fallback
    }
}
