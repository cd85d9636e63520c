import Foundation
import HandoffConsole
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// How other threads talk to the UI thread: they append actions and write a byte to a pipe the UI
/// thread polls beside the keyboard. Bursts of snapshots are coalesced: only the newest is kept.
final class Inbox: Sendable {
    private let actions = Mutex<[ConsoleAction]>([])
    let readDescriptor: Int32
    let writeDescriptor: Int32

    init() throws {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw TerminalError("cannot create the console's wake-up pipe") }
        readDescriptor = fds[0]
        writeDescriptor = fds[1]
        for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
    }

    func post(_ action: ConsoleAction) {
        actions.withLock { queue in
            if case .snapshot = action { queue.removeAll { if case .snapshot = $0 { true } else { false } } }
            if case .insights = action { queue.removeAll { if case .insights = $0 { true } else { false } } }
            if case .shadow = action { queue.removeAll { if case .shadow = $0 { true } else { false } } }
            if case .intake = action { queue.removeAll { if case .intake = $0 { true } else { false } } }
            if case .deliveries = action { queue.removeAll { if case .deliveries = $0 { true } else { false } } }
            queue.append(action)
        }
        wake()
    }

    func wake() {
        var byte: UInt8 = 1
        _ = write(writeDescriptor, &byte, 1)
    }

    func take() -> [ConsoleAction] { actions.withLock { queue in defer { queue = [] }; return queue } }

    /// Empties the pipe; true when a quitting signal wrote to it.
    func drainWakeups() -> Bool {
        var bytes = [UInt8](repeating: 0, count: 256)
        var quit = false
        while true {
            let n = read(readDescriptor, &bytes, bytes.count)
            if n <= 0 { break }
            if bytes.prefix(n).contains(SignalBridge.quitByte) { quit = true }
        }
        return quit
    }

    deinit {
        close(readDescriptor)
        close(writeDescriptor)
    }
}
