import CNcurses
import Foundation
import HandoffConsole
#if canImport(Glibc)
import Glibc
#endif

/// The terminal, owned by one thread: ncurses set up, the screen buffer copied in (only rows that
/// changed), keys read without blocking, and the terminal always given back as it was found.
///
/// Not Sendable on purpose: ncurses is not thread-safe, so only the thread that made it may use it.
public final class Terminal {
    public private(set) var rows: Int
    public private(set) var columns: Int
    private var pairs: ColorPairs
    private var drawn: ScreenBuffer?
    private var screenPointer: OpaquePointer?
    private var ended = false
    /// The stream ncurses writes to, so bytes written beside it (OSC 52) stay in order with its output.
    private var stream: UnsafeMutablePointer<FILE>?
    private let window: UnsafeMutablePointer<WINDOW>
    public let colors: Bool
    /// How many colors the terminal reports (0 without color).
    public let colorCount: Int

    /// Why the console cannot run here, or nil when it can: not a terminal, or a dumb one.
    public static func unusable(environment: [String: String]) -> String? {
        if isatty(STDOUT_FILENO) != 1 || isatty(STDIN_FILENO) != 1 {
            return "the console needs a terminal, and standard input or output is not one"
        }
        if let term = environment["TERM"], term == "dumb" || term.isEmpty { return "TERM=\(term) cannot draw the console" }
        if environment["TERM"] == nil { return "TERM is not set, so the terminal's abilities are unknown" }
        return nil
    }

    /// Wide characters print blank unless the locale is UTF-8; fall back to C.UTF-8 when it is not.
    public static func useUTF8Locale() {
        let name = setlocale(LC_ALL, "").map { String(cString: $0) } ?? ""
        if !name.uppercased().contains("UTF-8") && !name.uppercased().contains("UTF8") {
            _ = setlocale(LC_ALL, "C.UTF-8")
        }
    }

    /// Takes over the process's terminal (the alternate screen, raw keys).
    public convenience init(mouse: Bool, useColor: Bool) throws {
        Terminal.useUTF8Locale()
        // Fresh FILE streams over the same descriptors: the C globals are not concurrency-safe to name.
        guard let output = fdopen(STDOUT_FILENO, "w"), let input = fdopen(STDIN_FILENO, "r"), let screen = newterm(nil, output, input) else { throw TerminalError("ncurses could not start on this terminal (TERM=\(ProcessInfo.processInfo.environment["TERM"] ?? "unset"))") }
        self.init(screen: screen, mouse: mouse, useColor: useColor)
        stream = output
    }

    /// A terminal drawing nowhere, `rows` x `columns`: for golden screens and frame benchmarks.
    /// ncurses has one current screen per process, so callers serialize these.
    public static func headless(rows: Int, columns: Int, term: String = "xterm-256color") throws -> Terminal {
        Terminal.useUTF8Locale()
        guard let output = fopen("/dev/null", "w"), let input = fopen("/dev/null", "r") else { throw TerminalError("cannot open /dev/null") }
        guard let screen = term.withCString({ newterm(UnsafeMutablePointer(mutating: $0), output, input) }) else {
            throw TerminalError("ncurses knows no terminal \(term)")
        }
        let terminal = Terminal(screen: screen, mouse: false, useColor: true)
        resizeterm(Int32(rows), Int32(columns))
        terminal.refreshSize()
        return terminal
    }

    private init(screen: OpaquePointer, mouse: Bool, useColor: Bool) {
        screenPointer = screen
        set_term(screen)
        window = handoff_stdscr()!
        raw()
        noecho()
        nonl()
        keypad(window, true)
        nodelay(window, true)
        set_escdelay(25)
        curs_set(0)
        var colors = false
        if useColor, has_colors() {
            start_color()
            use_default_colors()
            colors = true
        }
        self.colors = colors
        colorCount = colors ? Int(handoff_colors()) : 0
        pairs = ColorPairs(colors: colors)
        rows = Int(getmaxy(window))
        columns = Int(getmaxx(window))
        setMouse(mouse)
    }

    deinit { restore() }

    public func setMouse(_ on: Bool) {
        _ = mousemask(on ? handoff_all_mouse_events() : 0, nil)
        mouseinterval(on ? 200 : 0)
    }

    /// Reads the size after a resize.
    public func refreshSize() {
        rows = Int(getmaxy(window))
        columns = Int(getmaxx(window))
        drawn = nil
    }

    /// Copies the rows that changed since the last frame into ncurses and updates the terminal once.
    public func draw(_ screen: ScreenBuffer, style: (StyleRole) -> CellStyle) {
        if drawn?.rows != screen.rows || drawn?.columns != screen.columns {
            werase(window)
            drawn = nil
        }
        var buffer = [wchar_t]()
        buffer.reserveCapacity(screen.columns * 2)
        for row in 0..<screen.rows {
            if let drawn, rowsEqual(drawn, screen, row) { continue }
            for run in screen.runs(row: row) {
                let (attributes, pair) = pairs.resolve(style(run.role))
                var options = pair
                wattr_set(window, attributes, Int16(truncatingIfNeeded: pair), &options)
                buffer.removeAll(keepingCapacity: true)
                for scalar in run.text.unicodeScalars { buffer.append(wchar_t(bitPattern: scalar.value)) }
                buffer.append(0)
                buffer.withUnsafeBufferPointer { _ = mvwaddnwstr(window, Int32(row), Int32(run.column), $0.baseAddress, Int32($0.count - 1)) }
            }
        }
        if let cursor = screen.cursor {
            curs_set(1)
            wmove(window, Int32(cursor.row), Int32(cursor.column))
        } else {
            curs_set(0)
        }
        wnoutrefresh(window)
        doupdate()
        drawn = screen
    }

    private func rowsEqual(_ a: ScreenBuffer, _ b: ScreenBuffer, _ row: Int) -> Bool {
        let cells = (row * a.columns)..<((row + 1) * a.columns)
        return a.cells[cells] == b.cells[cells]
    }

    /// Writes bytes ncurses does not know about (a terminal escape such as OSC 52) after whatever it
    /// has drawn; they change nothing on screen.
    public func write(_ bytes: [UInt8]) {
        guard let stream, !ended else { return }
        fflush(stream)
        bytes.withUnsafeBufferPointer { _ = fwrite($0.baseAddress, 1, $0.count, stream) }
        fflush(stream)
    }

    /// Forgets what is on screen, so the next frame redraws everything (after a theme change).
    public func invalidate() {
        drawn = nil
        clearok(window, true)
    }

    /// Every key waiting now, without blocking; `.resize` becomes a size change the caller reads.
    public func readKeys() -> (keys: [Key], resized: Bool) {
        var keys: [Key] = []
        var resized = false
        var value: wint_t = 0
        while keys.count < 4096 {
            let result = wget_wch(window, &value)
            if result == ERR { break }
            if result == KEY_CODE_YES {
                let code = Int32(value)
                if code == KEY_RESIZE {
                    resized = true
                    refreshSize()
                } else if code == KEY_MOUSE {
                    if let event = mouseEvent() { keys.append(.mouse(event)) }
                } else if let key = KeyDecoder.function(code) {
                    keys.append(key)
                }
            } else if let key = KeyDecoder.character(UInt32(value)) {
                keys.append(key)
            }
        }
        return (keys, resized)
    }

    private func mouseEvent() -> MouseEvent? {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return nil }
        let state = event.bstate
        let kind: MouseEvent.Kind
        if state & handoff_button4_pressed() != 0 { kind = .wheelUp }
        else if state & handoff_button5_pressed() != 0 { kind = .wheelDown }
        else if state & handoff_button1_double_clicked() != 0 { kind = .doubleClick }
        else if state & (handoff_button1_clicked() | handoff_button1_pressed()) != 0 { kind = .click }
        else { return nil }
        return MouseEvent(kind, row: Int(event.y), column: Int(event.x))
    }

    /// Cells as ncurses holds them, row by row (golden tests compare these with the buffer).
    public func readBack() -> [String] {
        var lines: [String] = []
        for row in 0..<rows {
            var line = ""
            var cells = [cchar_t](repeating: cchar_t(), count: columns + 1)
            _ = mvwin_wchnstr(window, Int32(row), 0, &cells, Int32(columns))
            for var cell in cells.prefix(columns) {
                var text = [wchar_t](repeating: 0, count: 8)
                var attributes: attr_t = 0
                var pair: Int16 = 0
                _ = getcchar(&cell, &text, &attributes, &pair, nil)
                // The right half of a wide character holds nothing of its own.
                for w in text where w != 0 { if let scalar = Unicode.Scalar(UInt32(bitPattern: w)) { line.unicodeScalars.append(scalar) } }
            }
            while line.last == " " { line.removeLast() }
            lines.append(line)
        }
        return lines
    }

    /// Gives the terminal back (idempotent): leaves the alternate screen, shows the cursor, restores modes.
    public func restore() {
        guard !ended else { return }
        ended = true
        setMouse(false)
        curs_set(1)
        endwin()
        if let screenPointer { delscreen(screenPointer) }
        screenPointer = nil
    }
}

public struct TerminalError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
