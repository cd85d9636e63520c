import Foundation
import Testing

/// The terminal driver itself, proved on ordinary programs before it drives the console.
@Suite("Terminal driver")
struct TmuxSessionTests {
    @Test("typed Unicode text reaches the program byte for byte")
    func typedUnicode() async throws {
        let session = try TmuxSession(command: """
            read line; printf 'got:%s|\\n' "$line"; printf '%s' "$line" | od -An -tx1 | tr -d ' \\n'; echo
            """)
        try session.send(text: "Zoë 株式会社")
        try session.send(keys: "Enter")
        let rows = try await session.waitFor(text: "got:Zoë 株式会社|")
        #expect(try await session.waitForExit() == 0)
        #expect(try session.screen().contains("5a6fc3ab20e6a0aae5bc8fe4bc9ae7a4be"), "\(TmuxSession.framed(rows))")
    }

    @Test("key names arrive as the bytes a terminal sends")
    func keyNames() async throws {
        let session = try TmuxSession(command: "stty raw -echo; printf 'ready\\r\\n'; dd bs=1 count=5 2>/dev/null | od -An -c")
        try await session.waitFor(text: "ready")
        try session.send(keys: "Escape", "Tab", "C-c", "x", "Enter")
        #expect(try await session.waitForExit() == 0)
        let bytes = try session.screen().dropFirst().first.map { $0.split(separator: " ").joined(separator: " ") }
        #expect(bytes == #"033 \t 003 x \r"#)
    }

    @Test("a text ending in a semicolon is typed whole")
    func semicolon() async throws {
        let session = try TmuxSession(command: #"read line; printf '[%s]\n' "$line""#)
        try session.send(text: "a;")
        try session.send(text: ";")
        try session.send(keys: "Enter")
        try await session.waitFor(text: "[a;;]")
    }

    @Test("the shell sees the terminal's size and a resize, with SIGWINCH")
    func resize() async throws {
        let session = try TmuxSession(command: """
            report() { printf '%s: ' "$1"; stty size; printf 'tput cols: '; tput cols; }
            trap 'report resized' WINCH; report started; while :; do sleep 0.05; done
            """, width: 80, height: 24)
        try await session.waitUntil("the first report") { $0.contains("started: 24 80") && $0.contains("tput cols: 80") }
        try session.resize(width: 120, height: 40)
        try await session.waitUntil("the report after the resize") { $0.contains("resized: 40 120") && $0.contains("tput cols: 120") }
        let size = try session.size()
        #expect(size.width == 120 && size.height == 40)
        #expect(try session.screen().count == 40)
        try session.send(keys: "C-c")
        #expect(try await session.waitForExit() == 130)
    }

    @Test("an interactive shell runs what is typed into it, in the given directory and environment")
    func shell() async throws {
        let directory = try BuiltBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let session = try TmuxSession.shell(width: 120, height: 10, directory: directory, environment: ["GREETING": "Grüß Gott"])
        try await session.waitUntil("the prompt") { $0.first == "$" }
        try session.send(text: "printf '%s|%s|%s\\n' \"$(basename \"$PWD\")\" \"$GREETING\" \"$TERM\"")
        try session.send(keys: "Enter")
        try await session.waitFor(text: "\(directory.lastPathComponent)|Grüß Gott|xterm-256color")
        try session.send(text: "exit 4")
        try session.send(keys: "Enter")
        #expect(try await session.waitForExit() == 4)
    }

    @Test("exit status: a plain exit, an interrupt, a signal")
    func exitStatus() async throws {
        let exits = try TmuxSession(command: "exit 3")
        #expect(try await exits.waitForExit() == 3)
        #expect(try exits.isRunning() == false)

        let sleeps = try TmuxSession(command: "echo waiting; sleep 600")
        try await sleeps.waitFor(text: "waiting")
        #expect(try sleeps.isRunning())
        #expect(try sleeps.exitStatus() == nil)
        try sleeps.send(keys: "C-c")
        #expect(try await sleeps.waitForExit() == 130)

        let terminated = try TmuxSession(command: "sh -c 'kill -TERM $$'")
        #expect(try await terminated.waitForExit() == 143)
    }

    @Test("a program that leaves the alternate screen restores the terminal")
    func alternateScreenRestored() async throws {
        let session = try TmuxSession(
            command: "tput smcup; echo in-alternate; read x; tput rmcup; echo left", banner: "before-the-program"
        )
        let during = try await session.waitFor(text: "in-alternate")
        #expect(try session.alternateScreen())
        #expect(!during.contains { $0.contains("before-the-program") })
        #expect(throws: TmuxError.self) { try session.checkTerminalRestored() }
        try session.send(keys: "Enter")
        #expect(try await session.waitForExit() == 0)
        try session.checkTerminalRestored()
        let after = try session.screen()
        #expect(after.first == "before-the-program")
        #expect(after.contains("left"))
    }

    @Test("a program that stays on the alternate screen is caught")
    func alternateScreenLeftOn() async throws {
        let session = try TmuxSession(command: "tput smcup; echo stuck", banner: "before-the-program")
        #expect(try await session.waitForExit() == 0)
        #expect(try session.alternateScreen())
        #expect(throws: TmuxError.self) { try session.checkTerminalRestored() }
    }

    @Test("less leaves the screen as it found it")
    func less() async throws {
        let session = try TmuxSession(
            command: "seq 1 200 | less", width: 40, height: 12, environment: ["LESS": "", "LESSOPEN": ""], banner: "before-less"
        )
        try await session.waitUntil("less showing the first page") { $0.first == "1" && $0.contains("11") }
        #expect(try session.alternateScreen())
        try session.send(keys: "q")
        #expect(try await session.waitForExit() == 0)
        try session.checkTerminalRestored()
    }

    @Test("colours and attributes can be read with the text")
    func styled() async throws {
        let session = try TmuxSession(command: #"printf '\033[1;31mred\033[0m plain\n'"#)
        #expect(try await session.waitForExit() == 0)
        #expect(try session.screen().first == "red plain")
        let styled = try #require(try session.styledScreen().first)
        #expect(styled.contains("\u{1B}[31m") && styled.contains("\u{1B}[1m"), "\(styled.debugDescription)")
    }

    @Test("a failed wait shows the last screen")
    func failedWait() async throws {
        let session = try TmuxSession(command: "echo something else; sleep 30", width: 30, height: 4)
        try await session.waitFor(text: "something else")
        do {
            try await session.waitFor(text: "never there", timeout: .milliseconds(200))
            Issue.record("the wait should have failed")
        } catch let error as TmuxError {
            #expect(error.description.contains("never there"))
            #expect(error.description.contains("|something else"))
        }
    }

    @Test("each session has a server of its own, gone once killed")
    func separateServers() async throws {
        let first = try TmuxSession(command: "cat")
        let second = try TmuxSession(command: "cat")
        #expect(first.server != second.server)
        try first.send(text: "first")
        try second.send(text: "second")
        try await first.waitFor(text: "first")
        try await second.waitFor(text: "second")
        #expect(try !first.screen().contains { $0.contains("second") })
        first.kill()
        let probe = try Spawn.run(["tmux", "-L", first.server, "has-session"], environment: TmuxSession.clientEnvironment)
        #expect(probe.status != 0)
        #expect(try second.isRunning())
    }

    @Test("the built handoff runs in a terminal")
    func handoff() async throws {
        let directory = try BuiltBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let session = try TmuxSession.handoff(
            ["demo", "--headless", "--leads", "5", "--seed", "3", "--now", "2026-11-24T14:30:00Z", "--db", "demo.db", "--minutes", "0"],
            width: 100, height: 30, directory: directory
        )
        #expect(try await session.waitForExit(timeout: .seconds(30)) == 0)
        let rows = try session.screen()
        #expect(rows.first == "handoff-e2e-start")
        #expect(rows.contains { $0.hasPrefix("L-0000005") }, "\(TmuxSession.framed(rows))")
        #expect(rows.contains("Routed 5 leads:"), "\(TmuxSession.framed(rows))")
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("demo.db").path))
    }
}
