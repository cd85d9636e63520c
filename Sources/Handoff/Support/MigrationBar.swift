import Foundation
import HandoffCore
import HandoffStore

/// A bar for work counted in rows (a long migration, an audit of the log) on standard error. Callers
/// draw it only when standard error is a terminal.
enum MigrationBar {
    static func draw(_ what: String, _ done: Int, _ total: Int) {
        let fraction = total > 0 ? min(Double(done) / Double(total), 1) : 1
        let width = 24, filled = Int(fraction * Double(width))
        // The percentage first: on a narrow terminal the counts at the end are what is cut.
        var line = "\(what)" + String(format: " %3.0f%% [", fraction * 100)
            + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
            + "\(NumberText.grouped(Double(done))) of \(NumberText.grouped(Double(total)))"
        let columns = Progress.terminalWidth()
        if line.count > columns - 1 { line = String(line.prefix(columns - 1)) }
        FileHandle.standardError.write(Data(("\r" + line + "\u{1B}[K").utf8))
    }

    static func clear() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    /// What a store being opened is told: drawn on a terminal, nothing otherwise.
    static var forStore: MigrationProgress? {
        guard Console.standardErrorIsTerminal else { return nil }
        return { what, done, total in
            draw(what, done, total)
            if done >= total { clear() }
        }
    }
}
