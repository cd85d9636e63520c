import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's own streams, beyond `print`.
enum Console {
    static var standardOutputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// A line on standard error; standard output is flushed first so the two interleave as written.
    static func error(_ line: String) {
        fflush(nil) // every output stream; naming stdout is not concurrency-safe in Swift 6
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
