import ArgumentParser
import Foundation
import HandoffConsole
import HandoffCore
import HandoffDesk
import HandoffTerminal

/// What `console` and `demo` share: the options of the screen itself, and the start of the console.
struct ConsoleOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Theme name (dark, light, high-contrast, mono) or a theme file. Default: the config file's, else dark.",
        valueName: "name|path"
    ))
    var theme: String?

    @Flag(name: .customLong("read-only"), help: "Watch only: every key that would change a lead says why it is disabled.")
    var readOnly = false

    @Option(name: .long, help: ArgumentHelp(
        "Act with less than your role: viewer (read-only, for wallboards) or operator. Default: your role (`handoff people` lists them).",
        valueName: "role"
    ))
    var role: String?

    @Flag(name: .long, inversion: .prefixedNo, help: "Mouse clicks and the wheel select rows and views. Default: the config file's, else off.")
    var mouse: Bool?

    func validate() throws {
        if let role, Role(rawValue: role) == nil {
            throw ValidationError("--role must be one of: " + Role.allCases.map(\.rawValue).joined(separator: ", ") + ".")
        }
    }

    /// The rulebook file as the console reloads it: errors as `rules check` prints them, then the tests
    /// beside it.
    static func rulesFile(_ path: String) -> RulesFile {
        RulesFile(path: path) {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                return .failure(RulesProblems(file: path, lines: ["\(path): cannot be read"]))
            }
            let load = RulebookLoader.load(yaml: text, file: path)
            guard let rulebook = load.rulebook, load.errors.isEmpty else {
                return .failure(RulesProblems(file: path, lines: load.errors.map(\.description)))
            }
            // A rulebook whose own tests fail is refused like an invalid one: the one in force keeps running.
            if let tests = RulebookTests.beside(path, rulebook: rulebook), !tests.passed {
                return .failure(RulesProblems(file: path, lines: ["Its tests fail (\(tests.verdict)):"] + tests.problemLines))
            }
            return .success((rulebook, text))
        }
    }

    /// Refuses, before anything else happens, a place the console cannot draw in.
    static func requireTerminal() throws {
        if let why = Terminal.unusable(environment: ProcessInfo.processInfo.environment) {
            Console.error("handoff: \(why).")
            Console.error("For lists in a pipe or a script, use `handoff leads` (or `handoff leads --json`), `handoff owners` and `handoff log`.")
            throw ExitCode.unreadable
        }
    }

    /// The role the console acts with: the one `granted` (this person's in force), or the lesser
    /// one asked for with `--role`; never more than granted.
    func role(granted: Role) -> Role { min(granted, role.flatMap(Role.init(rawValue:)) ?? granted) }

    /// Watching only: `--read-only` or the viewer role. Such a console opens its database read-only.
    func watchesOnly(granted: Role) -> Bool { readOnly || role(granted: granted) == .viewer }

    /// Opens the console over `desk` and returns when the operator quits. A console that `route`s runs the
    /// routing core and the SLA timer, held at first when `hold` says the clock is far from the workspace's.
    func run(
        desk: Desk, workspace: String, operatorName: String, rulesPath: String? = nil, route: Bool = true, hold: ClockGap? = nil,
        feed: (@Sendable (Date) throws -> Void)? = nil
    ) throws {
        let environment = ProcessInfo.processInfo.environment
        let themes = ConsoleThemes(environment: environment)
        let chosen = theme ?? themes.configured ?? "dark"
        let settings = ConsoleSettings(
            operatorName: operatorName, role: role(granted: try desk.role(of: operatorName)), readOnly: readOnly, workspace: workspace,
            mouse: mouse ?? themes.configuredMouse ?? false, themeName: chosen,
            ownerIds: desk.rulebook.owners.map(\.id), themeNames: themes.names, zone: LocalZone.current,
            keys: themes.config.keyBindings, routeNames: desk.rulebook.routes.map(\.name)
        )
        let options = ConsoleApp.Options(
            settings: settings,
            theme: { name, colors in themes.style(name, colors: colors) },
            feed: feed,
            route: route,
            useColor: true,
            startupNotices: themes.configProblems,
            rules: rulesPath.map(Self.rulesFile),
            hold: hold
        )
        try ConsoleApp(desk: desk, options: options).run()
    }
}
