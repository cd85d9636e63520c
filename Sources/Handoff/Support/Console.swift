import Foundation
import HandoffText
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's own streams, beyond `print`.
enum Console {
    static var standardOutputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Colour only on a terminal, and never with NO_COLOR or TERM=dumb.
    static var style: TextStyle {
        TextStyle(enabled: TextStyle.wanted(isTerminal: standardOutputIsTerminal, environment: ProcessInfo.processInfo.environment))
    }

    /// Whether standard output carries colour, worked out once: every printed line asks.
    static let stylesOutput = style.enabled

    /// Sends printed lines on now: a pipe would otherwise hold them until the buffer fills.
    static func flush() { fflush(nil) }

    /// A line on standard error, control characters escaped (messages quote data); standard output is
    /// flushed first so the two interleave as written.
    static func error(_ line: String) {
        fflush(nil) // every output stream; naming stdout is not concurrency-safe in Swift 6
        FileHandle.standardError.write(Data((TerminalText.safe(line, lineBreaks: true) + "\n").utf8))
    }
}
