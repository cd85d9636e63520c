import Foundation
#if os(Linux)
import Glibc
#endif

/// Runs a short-lived program and collects its output, without Foundation's `Process`.
///
/// tmux daemonizes its server from the first client. On Linux, `Process` leaves a descriptor of its own
/// open in the child, the server inherits it, and `waitUntilExit` never returns. Here the child gets
/// /dev/null for input, two pipes for output, and every other descriptor closed before it starts.
enum Spawn {
    struct Result: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    #if os(Linux)
    /// Runs `arguments[0]` (looked up in PATH) with the rest as its arguments and exactly `environment`.
    /// The status is the exit status, or 128 + the signal that ended the program. A program still running
    /// after `timeout` is killed.
    static func run(_ arguments: [String], environment: [String: String], timeout: Duration = .seconds(30)) throws -> Result {
        precondition(!arguments.isEmpty)
        var outPipe: [Int32] = [-1, -1], errPipe: [Int32] = [-1, -1]
        guard pipe(&outPipe) == 0 else { throw Failure(description: "pipe: \(String(cString: strerror(errno)))") }
        guard pipe(&errPipe) == 0 else {
            close(outPipe[0]); close(outPipe[1])
            throw Failure(description: "pipe: \(String(cString: strerror(errno)))")
        }
        // Kept out of programs other threads start meanwhile (and if one slips through before this, the
        // loop below stops at our child's exit rather than waiting for every write end to close).
        for descriptor in outPipe + errPipe { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        closeDescriptorsFromThree(&actions)

        // The test process may block or ignore signals; the child (and the server it starts) should not.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t(), defaulted = sigset_t()
        sigemptyset(&noSignals)
        sigemptyset(&defaulted)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGCHLD, SIGQUIT] { sigaddset(&defaulted, signal) }
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaulted)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid = pid_t()
        let spawned = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp)
        close(outPipe[1])
        close(errPipe[1])
        guard spawned == 0 else {
            close(outPipe[0]); close(errPipe[0])
            throw Failure(description: "cannot start \(arguments[0]): \(String(cString: strerror(spawned)))")
        }
        defer { close(outPipe[0]); close(errPipe[0]) }

        var out = [UInt8](), err = [UInt8]()
        var open = [true, true]
        var waitStatus: Int32?
        let deadline = ContinuousClock.now + timeout
        var killed = false
        while open.contains(true) {
            if let _ = waitStatus {
                // The child is gone: take what is already in the pipes and stop, even if a daemon it
                // started still holds a write end.
                if !readAvailable(outPipe[0], errPipe[0], into: &out, &err, open: &open, waitMilliseconds: 0) { break }
                continue
            }
            _ = readAvailable(outPipe[0], errPipe[0], into: &out, &err, open: &open, waitMilliseconds: 20)
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { waitStatus = status }
            if waitStatus == nil, !killed, ContinuousClock.now > deadline {
                kill(pid, SIGKILL)
                killed = true
            }
        }
        if waitStatus == nil {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            waitStatus = status
        }
        let raw = waitStatus ?? 0
        let status = raw & 0x7f == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f)
        if killed {
            throw Failure(description: "\(arguments.joined(separator: " ")) still running after \(timeout); killed")
        }
        return Result(status: status, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }

    /// Reads whatever the two descriptors have within the wait; returns whether anything was read or closed.
    private static func readAvailable(
        _ outFD: Int32, _ errFD: Int32, into out: inout [UInt8], _ err: inout [UInt8], open: inout [Bool], waitMilliseconds: Int32
    ) -> Bool {
        var fds = [pollfd(fd: open[0] ? outFD : -1, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: open[1] ? errFD : -1, events: Int16(POLLIN), revents: 0)]
        let ready = poll(&fds, 2, waitMilliseconds)
        guard ready > 0 else { return false }
        var progressed = false
        var buffer = [UInt8](repeating: 0, count: 65536)
        for index in 0..<2 where open[index] && fds[index].revents != 0 {
            let count = buffer.withUnsafeMutableBytes { read(fds[index].fd, $0.baseAddress, $0.count) }
            if count > 0 {
                if index == 0 { out += buffer[0..<count] } else { err += buffer[0..<count] }
                progressed = true
            } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                open[index] = false
                progressed = true
            }
        }
        return progressed
    }

    /// Closes every descriptor from 3 up in the child. glibc 2.34 and later have an action for it, but its
    /// declaration is hidden from Swift, so it is looked up by name; otherwise the open descriptors are
    /// listed and closed one by one (ours are close-on-exec, so only foreign ones matter).
    private static func closeDescriptorsFromThree(_ actions: inout posix_spawn_file_actions_t) {
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32
        if let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") {
            let closeFrom = unsafeBitCast(symbol, to: CloseFrom.self)
            if closeFrom(&actions, 3) == 0 { return }
        }
        let listed = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for descriptor in listed.compactMap(Int32.init) where descriptor > 2 && fcntl(descriptor, F_GETFD) != -1 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
    }
    #else
    static func run(_ arguments: [String], environment: [String: String], timeout: Duration = .seconds(30)) throws -> Result {
        throw Failure(description: "the end-to-end driver runs on Linux")
    }
    #endif
}
