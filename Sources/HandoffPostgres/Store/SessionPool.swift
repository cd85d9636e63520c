import Foundation
import Synchronization

/// The connections of one `PostgresStore`: a call takes an idle session (or opens one), runs on it alone,
/// and gives it back. A PostgreSQL connection runs one statement at a time and a transaction's statements
/// must all come from one caller, so each caller needs a session of its own for the length of its call;
/// reusing them saves the ~3 ms a new connection costs.
final class SessionPool: Sendable {
    let location: PostgresLocation
    let passwords: PasswordLookup
    private let idle = Mutex<[PostgresSession]>([])
    /// Sessions kept for reuse; more than this open at once (callers on many threads) are closed after use.
    private let keep: Int

    init(location: PostgresLocation, passwords: PasswordLookup, keep: Int = 4) {
        self.location = location
        self.passwords = passwords
        self.keep = keep
    }

    /// Runs `body` on a session of its own. A session whose connection ended is not given back.
    @available(*, noasync, message: "blocks its thread")
    func with<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        let session = try take()
        defer { give(session) }
        return try body(session)
    }

    @available(*, noasync, message: "blocks its thread")
    private func take() throws -> PostgresSession {
        while let session = idle.withLock({ $0.popLast() }) {
            if !session.isClosed { return session }
        }
        return try PostgresSession.open(location, passwords: passwords)
    }

    private func give(_ session: PostgresSession) {
        guard !session.isClosed else { return }
        let kept = idle.withLock { sessions in
            guard sessions.count < keep else { return false }
            sessions.append(session)
            return true
        }
        // Closing blocks; a surplus session is closed on its own (the deinit closes without waiting).
        if !kept { _ = session }
    }

    /// Ends every idle session.
    @available(*, noasync, message: "blocks its thread")
    func close() {
        for session in idle.withLock({ sessions in defer { sessions.removeAll() }; return sessions }) { session.close() }
    }
}
