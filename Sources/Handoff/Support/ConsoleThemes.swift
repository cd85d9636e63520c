import Foundation
import HandoffConsole
import HandoffCore
import HandoffTerminal

/// Themes for the console: found by name or path, degraded to the terminal's colors (none with NO_COLOR).
struct ConsoleThemes {
    var environment: [String: String]
    var currentDirectory = FileManager.default.currentDirectoryPath
    let config: UserConfig
    /// Problems in the user's config file, shown when the console starts.
    let configProblems: [String]

    init(environment: [String: String]) {
        self.environment = environment
        let (config, problems) = UserConfig.load(environment: environment)
        self.config = config
        configProblems = problems.map(\.description)
    }

    var configured: String? { config.theme }
    var configuredMouse: Bool? { config.mouse }
    var names: [String] { ThemeCatalog.availableNames(environment: environment, currentDirectory: currentDirectory) }

    /// The theme ready for a terminal with `colors` colors, or nil and the problems that stop it.
    func style(_ nameOrPath: String, colors: Int) -> (ConsoleStyle?, [String]) {
        let resolution = ThemeCatalog.resolve(nameOrPath, environment: environment, currentDirectory: currentDirectory)
        // What is used instead is the caller's to say: the default at start, the current theme later.
        let problems = resolution.problems.map(\.description) + [resolution.reason ?? resolution.notice].compactMap { $0 }
        guard problems.isEmpty else { return (nil, problems) }
        let depth = ColorDepth.detect(environment: environment, terminalColors: colors, canChangeColor: false)
        let theme = resolution.theme.degraded(to: depth)
        return (ConsoleStyle(name: theme.name) { theme.style($0) }, [])
    }
}

/// The operator's own clock for times on screen.
enum LocalZone {
    static var current: ZoneClock {
        let identifier = ProcessInfo.processInfo.environment["TZ"].flatMap { $0.isEmpty ? nil : $0 } ?? TimeZone.current.identifier
        return ZoneClock(identifier: identifier) ?? .utc
    }
}
