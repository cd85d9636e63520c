import Foundation
#if canImport(Glibc)
import Glibc
#endif
import HandoffCore

/// Import progress: a redrawn bar (rows, rate, percent, ETA) on standard error when it is a terminal,
/// nothing otherwise, so standard output holds only the summary (or the JSON document) a script reads.
/// Redraws at most ten times a second, so it costs nothing next to the work it reports.
struct Progress {
    let label: String
    let totalBytes: Int?
    let terminal: Bool
    private let started = ContinuousClock.now
    private var lastShown = ContinuousClock.now

    init(label: String, totalBytes: Int?, terminal: Bool) {
        self.label = label
        self.totalBytes = totalBytes
        self.terminal = terminal
    }

    var elapsed: Double {
        let d = ContinuousClock.now - started
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    mutating func update(rows: Int, bytes: Int) {
        guard rows & 1023 == 0 else { return }
        let now = ContinuousClock.now
        guard now - lastShown >= .milliseconds(100) else { return }
        lastShown = now
        let rate = elapsed > 0 ? Double(rows) / elapsed : 0
        if terminal {
            var line = "\(label) \(Progress.grouped(rows)) rows  \(Progress.grouped(Int(rate))) rows/s"
            if let total = totalBytes, total > 0 {
                let fraction = min(Double(bytes) / Double(total), 1)
                let barWidth = 24, filled = Int(fraction * Double(barWidth))
                line += "  [" + String(repeating: "#", count: filled) + String(repeating: ".", count: barWidth - filled) + "]"
                line += String(format: " %3.0f%%", fraction * 100)
                if fraction > 0.01 { line += "  ETA " + Progress.duration(elapsed * (1 - fraction) / fraction) }
            }
            // Never wider than the terminal: a wrapped line would make each redraw start a new one.
            let width = Progress.terminalWidth()
            if line.count > width - 1 { line = String(line.dropFirst(label.count + 1)) }
            if line.count > width - 1 { line = String(line.prefix(width - 1)) }
            FileHandle.standardError.write(Data(("\r" + line + "\u{1B}[K").utf8))
        }
    }

    /// Replaces the bar with a line saying what happens now (e.g. the commit after the last row).
    func note(_ text: String) {
        guard terminal else { return }
        var line = "\(label) \(text)"
        let width = Progress.terminalWidth()
        if line.count > width - 1 { line = String(line.prefix(width - 1)) }
        FileHandle.standardError.write(Data(("\r" + line + "\u{1B}[K").utf8))
    }

    /// Clears the bar so the summary starts on a clean line.
    func finish() {
        if terminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    /// Columns of the terminal on standard error (80 when it cannot be asked).
    static func terminalWidth() -> Int {
        var size = winsize()
        guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    /// "1,200": the core's number grouping, for counts.
    static func grouped(_ n: Int) -> String { NumberText.grouped(Double(n)) }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 60 ? "\(s / 60)m\(String(format: "%02d", s % 60))s" : "\(s)s"
    }
}
