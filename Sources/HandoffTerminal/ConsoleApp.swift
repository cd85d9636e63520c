import Foundation
import HandoffConsole
import HandoffDesk
#if canImport(Glibc)
import Glibc
#endif

/// A theme as the terminal uses it: a style per role, already degraded to the terminal's colors.
public struct ConsoleStyle: Sendable {
    public var name: String
    public var style: @Sendable (StyleRole) -> CellStyle

    public init(name: String, style: @escaping @Sendable (StyleRole) -> CellStyle) {
        self.name = name
        self.style = style
    }
}

/// The console's run: the UI thread's loop over the terminal, with the routing core, the snapshot feed
/// and the action runner on threads of their own. Only this loop touches ncurses.
public final class ConsoleApp {
    public struct Options {
        public var settings: ConsoleSettings
        /// Resolves `--theme`/`:theme` for a terminal with `colors` colors; problems mean "keep the current one".
        public var theme: (_ nameOrPath: String, _ colors: Int) -> (ConsoleStyle?, [String])
        /// In a demo: brings the simulation up to the desk's time before each routing batch.
        public var feed: (@Sendable (Date) throws -> Void)?
        /// Routes in the background (off for a viewer watching another process route).
        public var route: Bool
        public var useColor: Bool
        /// Problems found loading the theme at start, shown once the console is up.
        public var startupNotices: [String]
        /// The rulebook file to watch and reload, when there is one.
        public var rules: RulesFile?
        /// Why routing and the SLA timer start held (the clock is far from the workspace's): the
        /// console says so and runs them only after `:resume`.
        public var hold: ClockGap?

        public init(
            settings: ConsoleSettings, theme: @escaping (String, Int) -> (ConsoleStyle?, [String]),
            feed: (@Sendable (Date) throws -> Void)? = nil, route: Bool = true, useColor: Bool = true, startupNotices: [String] = [],
            rules: RulesFile? = nil, hold: ClockGap? = nil
        ) {
            self.rules = rules
            self.hold = hold
            self.settings = settings
            self.theme = theme
            self.feed = feed
            self.route = route
            self.useColor = useColor
            self.startupNotices = startupNotices
        }
    }

    private let desk: Desk
    private var options: Options

    public init(desk: Desk, options: Options) {
        self.desk = desk
        self.options = options
    }

    /// Runs until the operator quits or a signal asks to; the terminal is restored in every case.
    public func run() throws {
        let inbox = try Inbox()
        let terminal = try Terminal(mouse: options.settings.mouse, useColor: options.useColor)
        SignalBridge.install(wake: inbox.writeDescriptor)
        defer {
            terminal.restore()
            SignalBridge.uninstall()
        }
        // A theme with problems is not used: the default one is, and the problems are shown.
        var settings = options.settings
        var (chosen, themeProblems) = options.theme(settings.themeName, terminal.colorCount)
        if chosen == nil {
            settings.themeName = "dark"
            chosen = options.theme(settings.themeName, terminal.colorCount).0
            themeProblems.append("Using the built-in dark theme.")
        }
        var style = chosen ?? ConsoleStyle(name: "plain") { _ in CellStyle() }

        var state = ConsoleState(settings: settings, rows: terminal.rows, columns: terminal.columns, now: Date(), deskNow: desk.clock())
        let notices = options.startupNotices + themeProblems
        if !notices.isEmpty {
            // Every problem with its file, line and key, in a dialog: a status line would show only one.
            state.modal = .refused(Refusal(title: "Problems at start (the console runs anyway)", lines: notices))
        }
        if let hold = options.hold {
            state.modal = .refused(Refusal(title: "Clock far from this workspace: routing held",
                                           lines: hold.lines + (notices.isEmpty ? [] : [""] + notices)))
        }
        // A read-only console records no rulebook: it does not watch the file. (Its caller opened the store
        // read-only and asked for no routing core.)
        let readOnly = settings.readOnlyReason != nil
        let rulesFile = readOnly ? nil : options.rules
        let feed = SnapshotFeed(desk: desk, inbox: inbox)
        let insights = InsightsFeed(desk: desk, inbox: inbox)
        let shadow = ShadowFeed(desk: desk, inbox: inbox)
        let intake = desk.intakeStatusPath.map { IntakeFeed(path: $0, inbox: inbox) }
        let deliveries = DeliveriesFeed(desk: desk, inbox: inbox)
        let runner = EffectRunner(desk: desk, inbox: inbox, operatorName: options.settings.operatorName, rules: rulesFile, shadowChanged: shadow.poke,
                                  deliveriesChanged: deliveries.poke)
        // The rulebook file is looked at about once a second; a change is read again off this thread.
        var rulesModified = rulesFile?.modified
        var lastRulesLook = Date()
        let presence = PresenceFeed(
            store: desk.store, inbox: inbox, console: Self.consoleId(), operatorName: settings.operatorName,
            host: ProcessInfo.processInfo.hostName, writes: !readOnly)
        var presenceLead: String?
        let core = options.route ? RoutingCore(desk: desk, feed: options.feed, inbox: inbox, paused: options.hold != nil) : nil
        feed.start()
        insights.start()
        shadow.start()
        intake?.start()
        deliveries.start()
        runner.start()
        presence.start()
        core?.start()
        defer {
            core?.stop()
            presence.stop()
            feed.stop()
            insights.stop()
            shadow.stop()
            intake?.stop()
            deliveries.stop()
            runner.stop()
        }

        let insideTmux = !(ProcessInfo.processInfo.environment["TMUX"] ?? "").isEmpty
        var lastDraw = ContinuousClock.now - .seconds(1)
        var lastTick = Date.distantPast
        var needsDraw = true
        var screen = ScreenBuffer(rows: 0, columns: 0)
        while !state.quit {
            // Wait for a key, a message from another thread, or the next clock tick.
            var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0), pollfd(fd: inbox.readDescriptor, events: Int16(POLLIN), revents: 0)]
            let timeout: Int32 = needsDraw ? 16 : 250
            _ = poll(&fds, 2, timeout)
            if inbox.drainWakeups() { state.quit = true; break }

            var actions: [ConsoleAction] = []
            let (keys, resized) = terminal.readKeys()
            if resized { actions.append(.resize(rows: terminal.rows, columns: terminal.columns)) }
            actions += Self.pasted(keys, into: state).map { .key($0) }
            actions += inbox.take()
            let now = Date()
            if let rules = rulesFile, now.timeIntervalSince(lastRulesLook) >= 1 {
                lastRulesLook = now
                let modified = rules.modified
                if modified != rulesModified {
                    rulesModified = modified
                    runner.submit(.reloadRules)
                }
            }
            if now.timeIntervalSince(lastTick) >= 0.25 {
                actions.append(.tick(wall: now, desk: desk.clock()))
                lastTick = now
            }
            for action in actions {
                for effect in Reducer.reduce(&state, action) {
                    switch effect {
                    case .quit: state.quit = true
                    case .query(let query): feed.setQuery(query)
                    case .pauseCore(let pause):
                        if let core { core.setPaused(pause) } else { _ = Reducer.reduce(&state, .notice("this console does not route: it only watches", .error)) }
                    case .mouse(let on): terminal.setMouse(on)
                    case .copy(let text): terminal.write(OSC52.sequence(text, insideTmux: insideTmux))
                    case .theme(let name):
                        let (loaded, problems) = options.theme(name, terminal.colorCount)
                        if let loaded {
                            style = loaded
                            terminal.invalidate()
                        }
                        _ = Reducer.reduce(&state, .themeChanged(name: name, problems: problems))
                    default: runner.submit(effect)
                    }
                }
                needsDraw = true
            }
            if state.presenceLead != presenceLead {
                presenceLead = state.presenceLead
                presence.setLead(presenceLead)
            }
            if needsDraw, ContinuousClock.now - lastDraw >= .milliseconds(16) {
                if screen.rows != state.rows || screen.columns != state.columns { screen = ScreenBuffer(rows: state.rows, columns: state.columns) }
                ConsoleRenderer.render(state, into: &screen)
                terminal.draw(screen, style: style.style)
                lastDraw = ContinuousClock.now
                needsDraw = false
            }
        }
    }

    /// This console among all others on the workspace, for presence: host, process and a random part, so
    /// two consoles never share one even on one machine.
    static func consoleId() -> String {
        "\(ProcessInfo.processInfo.hostName)/\(ProcessInfo.processInfo.processIdentifier)/\(UUID().uuidString.prefix(8))"
    }

    /// A paste arrives as a burst of keys; inside a text prompt its line breaks become spaces instead
    /// of submitting half of it.
    static func pasted(_ keys: [Key], into state: ConsoleState) -> [Key] {
        guard keys.count > 1 else { return keys }
        switch state.modal {
        case .input, .filter, .command, .picker: break
        default: return keys
        }
        return keys.enumerated().map { index, key in key == .enter && index < keys.count - 1 ? .character(" ") : key }
    }
}
