import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C as a request to stop, so a loop such as `log --follow` ends between two polls and exits 0
/// instead of dying in the middle of a line.
enum Interrupt {
    /// Set by the signal handler; an atomic store is safe inside one.
    private static let requested = Atomic<Bool>(false)

    static func install() {
        signal(SIGINT) { _ in Interrupt.requested.store(true, ordering: .relaxed) }
        // A parent may have started us with SIGINT blocked (test runners do), and the block is inherited:
        // Ctrl-C would then never arrive.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// SIGTERM as the same request (a service manager's stop), for a long-running command.
    static func installTerminate() {
        signal(SIGTERM) { _ in Interrupt.requested.store(true, ordering: .relaxed) }
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    static var wasRequested: Bool { requested.load(ordering: .relaxed) }
}
