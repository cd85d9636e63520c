import Foundation

/// A program running in a terminal of a given size, driven and read as a person at a keyboard would:
/// one detached tmux session on a tmux server of its own, killed with the session.
///
/// The pane runs the command line under `/bin/sh` with TERM=xterm-256color and LANG=C.UTF-8. When the
/// command ends, the shell around it records its exit status and keeps the pane open without writing
/// anything, so the last screen, the status and whether the program left the alternate screen can
/// still be read.
final class TmuxSession: Sendable {
    /// The tmux server's socket name, unique to this session.
    let server: String
    /// The command line the pane runs.
    let command: String
    /// A line printed on the normal screen before the command starts; see `checkTerminalRestored()`.
    let banner: String?
    /// Holds the command's exit status once it has ended.
    private let scratch: URL
    /// The server's socket, which tmux leaves behind when the server stops.
    private let socket: String

    private static let target = "e2e"
    private static let counter = Counter()

    /// Starts `command` (a `sh` command line) in a `width` x `height` terminal, in `directory`, with
    /// `environment` added to the test's own (minus variables that would change what a program sees:
    /// Handoff's settings, NO_COLOR, COLUMNS, LINES, the locale and tmux's own).
    init(
        command: String, width: Int = 80, height: Int = 24, directory: URL? = nil,
        environment: [String: String] = [:], banner: String? = nil
    ) throws {
        let name = "handoff-e2e-\(getpid())-\(Self.counter.next())-\(UUID().uuidString.prefix(8))"
        self.server = name
        self.command = command
        self.banner = banner
        self.scratch = FileManager.default.temporaryDirectory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)

        // The command runs in a subshell so that `exit` in it ends only the subshell. The shell around it
        // catches the interrupt keys (so C-c ends the command and not the recorder), then sleeps deaf to
        // them: the pane stays as the command left it, and an abandoned server goes away within the hour.
        // There is no job control here: to suspend a program with C-z and resume it, type its command
        // line into `shell()`.
        var line = "trap : INT QUIT\n"
        if let banner { line += "printf '%s\\n' \(Self.quote(banner))\n" }
        let status = Self.quote(scratch.appendingPathComponent("status").path)
        line += "(\(command)\n)\necho $? > \(status).new && mv \(status).new \(status)\n"
        line += "trap '' INT QUIT; exec sleep 3600"

        var commands = [["start-server"]]
        for option in ["status off", "default-terminal xterm-256color", "default-shell /bin/sh", "history-limit 5000"] {
            commands.append(["set-option", "-g"] + option.split(separator: " ").map(String.init))
        }
        var session = ["new-session", "-d", "-s", Self.target, "-x", "\(width)", "-y", "\(height)"]
        if let directory { session += ["-c", directory.path] }
        let variables = ["LANG": "C.UTF-8", "TERM": "xterm-256color"].merging(environment) { _, given in given }
        for (name, value) in variables.sorted(by: { $0.key < $1.key }) { session += ["-e", "\(name)=\(value)"] }
        commands.append(session + [line])
        commands.append(["display-message", "-p", "-t", Self.target, "#{socket_path}"])
        do {
            socket = try Self.tmux(server: name, commands: commands).trimmingCharacters(in: .newlines)
        } catch {
            try? FileManager.default.removeItem(at: scratch)
            _ = try? Self.tmux(server: name, commands: [["kill-server"]])
            throw error
        }
    }

    private var statusURL: URL { scratch.appendingPathComponent("status") }

    /// An interactive `sh` with the prompt `$ `, for typing command lines into.
    static func shell(width: Int = 80, height: Int = 24, directory: URL? = nil, environment: [String: String] = [:]) throws -> TmuxSession {
        try TmuxSession(
            command: "PS1='$ ' exec /bin/sh -i", width: width, height: height, directory: directory, environment: environment
        )
    }

    /// The built `handoff ARGUMENTS` in a terminal, with the banner `handoff-e2e-start` printed before it.
    static func handoff(
        _ arguments: [String], width: Int = 100, height: Int = 30, directory: URL, environment: [String: String] = [:]
    ) throws -> TmuxSession {
        guard let binary = BuiltBinary.handoff else { throw BuiltBinary.NotBuilt() }
        let line = ([binary.path] + arguments).map(quote).joined(separator: " ")
        return try TmuxSession(
            command: line, width: width, height: height, directory: directory, environment: environment, banner: "handoff-e2e-start"
        )
    }

    deinit { kill() }

    /// Stops the server and everything running in it. Safe to call more than once.
    func kill() {
        _ = try? Spawn.run(["tmux", "-L", server, "kill-server"], environment: Self.clientEnvironment, timeout: .seconds(10))
        try? FileManager.default.removeItem(at: scratch)
        if socket.hasSuffix("/" + server) { unlink(socket) }
    }

    // MARK: Input

    /// Presses keys by their tmux names: `Enter`, `Escape`, `Tab`, `BTab`, `BSpace`, `Up`, `PageDown`,
    /// `F1`, `C-c`, `M-x`, or a single character such as `q`.
    func send(keys: String...) throws {
        try tmux(["send-keys", "-t", Self.target] + keys)
    }

    /// Types `text` exactly as given (any Unicode), with no key names interpreted.
    func send(text: String) throws {
        try tmux(["send-keys", "-t", Self.target, "-l", "--", text])
    }

    /// Resizes the terminal; the program receives SIGWINCH.
    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", Self.target, "-x", "\(width)", "-y", "\(height)"])
    }

    // MARK: Reading

    /// The visible screen, one string per row, trailing spaces removed.
    func screen() throws -> [String] {
        try Self.rows(tmux(["capture-pane", "-p", "-t", Self.target]))
    }

    /// The visible screen with the escape sequences for colours and attributes left in.
    func styledScreen() throws -> [String] {
        try Self.rows(tmux(["capture-pane", "-p", "-e", "-t", Self.target]))
    }

    /// The terminal's size as the program sees it.
    func size() throws -> (width: Int, height: Int) {
        let values = try display("#{pane_width} #{pane_height}").split(separator: " ").compactMap { Int($0) }
        guard values.count == 2 else { throw TmuxError(description: "cannot read the pane size") }
        return (values[0], values[1])
    }

    /// Where the cursor is, zero-based.
    func cursor() throws -> (x: Int, y: Int) {
        let values = try display("#{cursor_x} #{cursor_y}").split(separator: " ").compactMap { Int($0) }
        guard values.count == 2 else { throw TmuxError(description: "cannot read the cursor position") }
        return (values[0], values[1])
    }

    /// Whether the program has switched to the alternate screen (as full-screen programs do).
    func alternateScreen() throws -> Bool {
        try display("#{alternate_on}") == "1"
    }

    /// Whether the command is still running.
    func isRunning() throws -> Bool {
        try exitStatus() == nil
    }

    /// The command's exit status (128 + the signal if a signal ended it), or nil while it runs.
    func exitStatus() throws -> Int32? {
        if let text = try? String(contentsOf: statusURL, encoding: .utf8) {
            return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        // Still running, unless the terminal itself has gone (the shell around the command was killed).
        do {
            _ = try display("#{pane_pid}")
        } catch {
            throw TmuxError(description: "the terminal of `\(command)` closed before its exit status was recorded: \(error)")
        }
        return nil
    }

    /// A tmux format string (`#{...}`) expanded for the pane.
    func display(_ format: String) throws -> String {
        try tmux(["display-message", "-p", "-t", Self.target, format]).trimmingCharacters(in: .newlines)
    }

    // MARK: Waiting

    /// Waits until `text` is on the screen; returns that screen. Fails with the last screen seen.
    @discardableResult
    func waitFor(text: String, timeout: Duration = .seconds(10)) async throws -> [String] {
        try await waitUntil("\"\(text)\" on the screen", timeout: timeout) { rows in rows.contains { $0.contains(text) } }
    }

    /// Waits until `text` is nowhere on the screen; returns that screen.
    @discardableResult
    func waitForAbsence(of text: String, timeout: Duration = .seconds(10)) async throws -> [String] {
        try await waitUntil("\"\(text)\" gone from the screen", timeout: timeout) { rows in !rows.contains { $0.contains(text) } }
    }

    /// Polls the screen every 25 ms until `predicate` holds; returns that screen. Fails after `timeout`
    /// with `what` and the last screen seen.
    @discardableResult
    func waitUntil(
        _ what: String = "the condition", timeout: Duration = .seconds(10), _ predicate: ([String]) throws -> Bool
    ) async throws -> [String] {
        let deadline = ContinuousClock.now + timeout
        while true {
            let rows = try screen()
            if try predicate(rows) { return rows }
            if ContinuousClock.now > deadline {
                throw TmuxError(description: "waited \(timeout) for \(what)\(stateNote())\n\(Self.framed(rows))")
            }
            try await Task.sleep(for: .milliseconds(25))
        }
    }

    /// Waits for the command to end; returns its exit status. Fails with the last screen seen.
    @discardableResult
    func waitForExit(timeout: Duration = .seconds(10)) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let status = try exitStatus() { return status }
            if ContinuousClock.now > deadline {
                throw TmuxError(description: "waited \(timeout) for `\(command)` to exit\n\(Self.framed(try screen()))")
            }
            try await Task.sleep(for: .milliseconds(25))
        }
    }

    /// After the command has ended: the terminal is back on the normal screen, showing the banner
    /// printed before the command started. Throws, with the screen, if not.
    func checkTerminalRestored() throws {
        let rows = try screen()
        if try alternateScreen() {
            throw TmuxError(description: "the terminal is still on the alternate screen\n\(Self.framed(rows))")
        }
        if let banner, !rows.contains(where: { $0.contains(banner) }) {
            throw TmuxError(description: "the normal screen with \"\(banner)\" did not come back\n\(Self.framed(rows))")
        }
    }

    // MARK: Plumbing

    /// Runs one tmux command on this session's server; returns its standard output or throws with its
    /// error output.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        try tmux(commands: [arguments])
    }

    /// Runs tmux commands one after the other in one client, as `tmux A ; B`.
    @discardableResult
    func tmux(commands: [[String]]) throws -> String {
        try Self.tmux(server: server, commands: commands)
    }

    private static func tmux(server: String, commands: [[String]]) throws -> String {
        let arguments = commands.map { $0.map(Self.escapeSeparator) }.joined(separator: [";"])
        let result = try Spawn.run(["tmux", "-L", server, "-f", "/dev/null"] + arguments, environment: clientEnvironment)
        guard result.status == 0 else {
            let shown = commands.map { $0.joined(separator: " ") }.joined(separator: " ; ")
            throw TmuxError(description: "tmux \(shown) failed (\(result.status)): \(result.stderr)")
        }
        return result.stdout
    }

    /// The environment tmux commands run with; the server started by the first one hands it to the pane.
    static let clientEnvironment: [String: String] = {
        var environment = ProcessInfo.processInfo.environment
        for name in environment.keys where name.hasPrefix("HANDOFF_") || name.hasPrefix("LC_") || name.hasPrefix("TMUX") {
            environment[name] = nil
        }
        for name in ["NO_COLOR", "COLUMNS", "LINES", "LANGUAGE"] { environment[name] = nil }
        environment["LANG"] = "C.UTF-8"
        environment["TERM"] = "xterm-256color"
        return environment
    }()

    /// tmux reads an argument ending in `;` as the end of a command; `\;` keeps the semicolon.
    static func escapeSeparator(_ argument: String) -> String {
        argument.hasSuffix(";") ? argument.dropLast() + "\\;" : argument
    }

    /// `text` as one `sh` word.
    static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    private func stateNote() -> String {
        guard let status = try? exitStatus() else { return "" }
        return " (the command exited with status \(status))"
    }

    private static func rows(_ output: String) -> [String] {
        var rows = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if rows.last == "" { rows.removeLast() }
        return rows
    }

    /// A screen between rules, for failure messages.
    static func framed(_ rows: [String]) -> String {
        let rule = "+" + String(repeating: "-", count: max(rows.map(\.count).max() ?? 0, 10)) + "+"
        return ([rule] + rows.map { "|" + $0 } + [rule]).joined(separator: "\n")
    }
}

struct TmuxError: Error, CustomStringConvertible {
    var description: String
}

/// Numbers the sessions this process starts.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
