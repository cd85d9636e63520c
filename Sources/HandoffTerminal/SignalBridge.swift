import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Signals, made safe for a curses program. SIGINT, SIGTERM and SIGHUP become a byte on the wake pipe,
/// so the UI thread leaves its loop and restores the terminal itself. Fatal signals (a crash) put the
/// terminal back directly with async-signal-safe calls, then die as they would have.
enum SignalBridge {
    // Safe without a lock: both are written once, before any handler is installed, and only read by
    // the handlers afterwards; the handlers use nothing else but async-signal-safe calls.
    nonisolated(unsafe) static var wakeDescriptor: Int32 = -1
    nonisolated(unsafe) static var savedModes = termios()
    nonisolated(unsafe) static var haveSavedModes = false

    /// The byte a quitting signal writes.
    static let quitByte: UInt8 = 0x51

    static func install(wake: Int32) {
        wakeDescriptor = wake
        haveSavedModes = tcgetattr(STDIN_FILENO, &savedModes) == 0
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig) { _ in
                var byte = SignalBridge.quitByte
                _ = write(SignalBridge.wakeDescriptor, &byte, 1)
            }
        }
        for sig in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] {
            signal(sig) { sig in
                // Leave the alternate screen, show the cursor, reset colors, and restore line modes.
                let reset = "\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1006l\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l\r\n"
                reset.utf8CString.withUnsafeBufferPointer { _ = write(STDOUT_FILENO, $0.baseAddress, $0.count - 1) }
                if SignalBridge.haveSavedModes { _ = tcsetattr(STDIN_FILENO, TCSANOW, &SignalBridge.savedModes) }
                signal(sig, SIG_DFL)
                raise(sig)
            }
        }
    }

    /// Back to the default dispositions once the terminal is restored.
    static func uninstall() {
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] { signal(sig, SIG_DFL) }
    }
}
