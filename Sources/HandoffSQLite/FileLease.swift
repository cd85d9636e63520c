import Foundation
import HandoffStore
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The routing lease of an SQLite workspace: an exclusive `flock` on a file beside the database
/// (`handoff.db-core`). The kernel drops the lock when the holding process ends, by kill -9 too, so a
/// standing-by worker on the same machine takes over at its next try. The holder writes who it is into
/// the file for the others to say whom they wait for.
final class FileLease: CoreLease {
    private let path: String
    /// The open, locked descriptor while held; -1 otherwise.
    private let held = Mutex<Int32>(-1)

    init(path: String) {
        self.path = path
    }

    func tryTake() throws -> Bool {
        try held.withLock { fd in
            if fd >= 0 { return true }
            let opened = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            guard opened >= 0 else { throw LeaseFileError(path: path, errno: errno) }
            guard flock(opened, LOCK_EX | LOCK_NB) == 0 else {
                close(opened)
                return false
            }
            let text = Array((StoreLeaseText.holder(name: StoreLeaseText.processName) + "\n").utf8)
            _ = ftruncate(opened, 0)
            _ = text.withUnsafeBytes { pwrite(opened, $0.baseAddress, $0.count, 0) }
            fd = opened
            return true
        }
    }

    func holder() -> String? {
        guard let data = FileManager.default.contents(atPath: path), !data.isEmpty else { return nil }
        // Held only while some process has the lock: ask for it without waiting, and let it go at once.
        let probe = open(path, O_RDONLY | O_CLOEXEC)
        guard probe >= 0 else { return nil }
        defer { close(probe) }
        if held.withLock({ $0 >= 0 }) == false, flock(probe, LOCK_SH | LOCK_NB) == 0 {
            flock(probe, LOCK_UN)
            return nil
        }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func release() {
        held.withLock { fd in
            guard fd >= 0 else { return }
            _ = ftruncate(fd, 0)
            flock(fd, LOCK_UN)
            close(fd)
            fd = -1
        }
    }

    deinit { release() }
}

/// A lease file that cannot be opened (a folder this user cannot write, say).
struct LeaseFileError: Error, CustomStringConvertible {
    var path: String
    var errno: Int32
    var description: String { "cannot open the routing lease file \(path): \(String(cString: strerror(errno)))" }
}

/// A lease for a store with no file (in memory): only this process can route it anyway.
final class ProcessLease: CoreLease {
    private let taken = Mutex(false)
    func tryTake() throws -> Bool { taken.withLock { $0 = true; return true } }
    func holder() -> String? { taken.withLock { $0 } ? "this process" : nil }
    func release() { taken.withLock { $0 = false } }
}
