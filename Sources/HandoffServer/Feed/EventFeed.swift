import Foundation
import HandoffDesk
import HandoffStore
import Synchronization

/// One log entry as the feed sends it: its number and its line of JSON (`EventJSON`).
struct FeedEntry: Sendable, Equatable {
    var seq: Int64
    var json: String
}

/// What a follower is handed: the entries after its place (oldest first), the newest entry the log
/// had when they were read, and whether the server is stopping (a stream then ends) or the store failed.
struct FeedPage: Sendable {
    var entries: [FeedEntry] = []
    var latest: Int64 = 0
    var stopping = false
    var failure: String?
}

/// The feed's one watcher of the log, on a thread of its own. Followers (long polls and event streams)
/// register where they are; the watcher looks at the newest entry number when the desk commits and, while
/// anyone follows, five times a second for what other processes write (an import, a console): one
/// cheap query however many follow. New entries are read once, encoded once, kept in a window of the
/// newest, and handed to every follower from there; only a follower further behind than the window
/// costs a read of its own. Store calls happen only on this thread, never on an event loop or in the
/// concurrency pool.
final class EventFeed: Sendable {
    private struct Waiter {
        var after: Int64
        var limit: Int
        /// Answered after the next look at the store even with nothing new (a wait of zero).
        var immediate: Bool
        var answer: CheckedContinuation<FeedPage, Never>
        var timer: Task<Void, Never>?
    }

    private struct State {
        /// The newest entry number seen, and when the store was last looked at.
        var latest: Int64 = 0
        var lookedAt: ContinuousClock.Instant?
        /// Every entry numbered after `windowFrom`, through `latest`, oldest first.
        var window: [FeedEntry] = []
        var windowFrom: Int64 = 0
        var waiters: [Int: Waiter] = [:]
        var nextToken = 0
        var poked = false
        /// The watcher waits for a signal, with no timeout: nobody followed at its last look.
        var parked = false
        var stopping = false
        var finished = false
    }

    private let store: any LeadStore
    private let state = Mutex(State())
    private let wake = NSCondition()
    private let ended = DispatchSemaphore(value: 0)
    private let log: @Sendable (String) -> Void

    /// Entries kept in memory for followers: an SSE reconnect or a poll a little behind is served from here.
    static let windowSize = 4_096
    /// How often the watcher looks for other processes' entries while anyone follows.
    static let pollInterval: TimeInterval = 0.2
    /// Entries read from the store at a time.
    static let readSize = 1_000

    init(store: any LeadStore, log: @escaping @Sendable (String) -> Void) {
        self.store = store
        self.log = log
    }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "handoff.feed"
        thread.start()
    }

    /// Something was committed (by this server's desk): look now if anyone follows.
    func poke() {
        let signal = state.withLock { s -> Bool in
            guard !s.poked, !s.waiters.isEmpty else { return false }
            s.poked = true
            return true
        }
        guard signal else { return }
        wake.lock()
        wake.signal()
        wake.unlock()
    }

    /// Up to `limit` entries after `after`: at once when there are some, else the first ones written
    /// within `wait` (none when it ends first). A `limit` of 0 reads only the newest entry's number.
    func page(after: Int64, limit: Int, wait: Duration) async -> FeedPage {
        if let page = fromWindow(after: after, limit: limit) { return page }
        return await withCheckedContinuation { continuation in
            let registered = state.withLock { s -> (token: Int, look: Bool)? in
                guard !s.stopping else { return nil }
                let token = s.nextToken
                s.nextToken += 1
                let immediate = wait <= .zero || limit == 0
                s.waiters[token] = Waiter(after: after, limit: limit, immediate: immediate, answer: continuation)
                // A follower catching up on a fresh window just waits for the watcher's next look: a
                // thousand streams coming back for more cost no query of their own.
                let look = immediate || after < s.windowFrom || !Self.fresh(s)
                if look { s.poked = true }
                return (token, look)
            }
            guard let (token, look) = registered else {
                continuation.resume(returning: FeedPage(latest: state.withLock { $0.latest }, stopping: true))
                return
            }
            if wait > .zero, limit > 0 {
                let timer = Task { [self] in
                    guard (try? await Task.sleep(for: wait)) != nil else { return }
                    answer(token, with: { s in FeedPage(latest: s.latest) })
                }
                // Answered meanwhile: the timer has nothing left to time.
                let waiting = state.withLock { s in
                    s.waiters[token]?.timer = timer
                    return s.waiters[token] != nil
                }
                if !waiting { timer.cancel() }
            }
            wake.lock()
            if look || state.withLock({ $0.parked }) { wake.signal() }
            wake.unlock()
        }
    }

    /// The server is stopping: every follower is answered now, and later ones at once, marked stopping.
    func stop() {
        let waiting = state.withLock { s -> [(Waiter, FeedPage)] in
            s.stopping = true
            defer { s.waiters = [:] }
            return s.waiters.values.map { ($0, FeedPage(latest: s.latest, stopping: true)) }
        }
        for (waiter, page) in waiting {
            waiter.timer?.cancel()
            waiter.answer.resume(returning: page)
        }
    }

    /// Stops the watcher thread (after `stop()`); blocks until it has ended, so call it off the pool.
    func finish() {
        stop()
        state.withLock { $0.finished = true }
        wake.lock()
        wake.signal()
        wake.unlock()
        ended.wait()
    }

    /// Entries from memory when the window is fresh (looked at within a poll) and holds some after `after`.
    private func fromWindow(after: Int64, limit: Int) -> FeedPage? {
        state.withLock { s in
            if s.stopping { return FeedPage(latest: s.latest, stopping: true) }
            guard Self.fresh(s), limit > 0, after < s.latest, after >= s.windowFrom else { return nil }
            return FeedPage(entries: Self.slice(s.window, after: after, limit: limit), latest: s.latest)
        }
    }

    /// The window was brought up to date within about one poll.
    private static func fresh(_ s: State) -> Bool {
        guard let looked = s.lookedAt else { return false }
        return ContinuousClock.now - looked < .milliseconds(Int(pollInterval * 1_000) + 50)
    }

    private static func slice(_ window: [FeedEntry], after: Int64, limit: Int) -> [FeedEntry] {
        // The window is in order: find the first entry after `after` by bisection.
        var low = 0
        var high = window.count
        while low < high {
            let mid = (low + high) / 2
            if window[mid].seq <= after { low = mid + 1 } else { high = mid }
        }
        return Array(window[low..<min(window.count, low + limit)])
    }

    /// Answers one waiter (if still waiting) with the page `make` builds from the state.
    private func answer(_ token: Int, with make: (State) -> FeedPage) {
        let taken = state.withLock { s -> (Waiter, FeedPage)? in
            guard let waiter = s.waiters.removeValue(forKey: token) else { return nil }
            return (waiter, make(s))
        }
        guard let (waiter, page) = taken else { return }
        waiter.timer?.cancel()
        waiter.answer.resume(returning: page)
    }

    private func run() {
        while true {
            wake.lock()
            let (idle, poked, finished) = state.withLock { ($0.waiters.isEmpty, $0.poked, $0.finished) }
            if !poked, !finished {
                if idle {
                    // Under the wake lock, so a follower registering now sees it parked and signals.
                    state.withLock { $0.parked = true }
                    wake.wait()
                    state.withLock { $0.parked = false }
                } else {
                    _ = wake.wait(until: Date().addingTimeInterval(Self.pollInterval))
                }
            }
            wake.unlock()
            let look = state.withLock { s -> Bool in
                s.poked = false
                return !s.finished && !s.waiters.isEmpty
            }
            if state.withLock({ $0.finished }) { break }
            if look { lookAndHandOut() }
        }
        ended.signal()
    }

    /// One look at the store: new entries into the window, then every waiter that can be answered is.
    private func lookAndHandOut() {
        do {
            try catchUp()
        } catch {
            let message = String(describing: error)
            log("the feed could not read the log: \(message)")
            let failed = state.withLock { s -> [(Waiter, FeedPage)] in
                defer { s.waiters = [:] }
                return s.waiters.values.map { ($0, FeedPage(latest: s.latest, failure: message)) }
            }
            for (waiter, page) in failed {
                waiter.timer?.cancel()
                waiter.answer.resume(returning: page)
            }
            return
        }
        let (ready, behind) = state.withLock { s -> ([(Waiter, FeedPage)], [Int: Waiter]) in
            var ready: [(Waiter, FeedPage)] = []
            var behind: [Int: Waiter] = [:]
            for (token, waiter) in s.waiters {
                if waiter.after < s.windowFrom, waiter.limit > 0 {
                    behind[token] = waiter
                    continue
                }
                let entries = waiter.limit > 0 ? Self.slice(s.window, after: waiter.after, limit: waiter.limit) : []
                if !entries.isEmpty || waiter.immediate {
                    ready.append((waiter, FeedPage(entries: entries, latest: s.latest)))
                    s.waiters[token] = nil
                }
            }
            return (ready, behind)
        }
        for (waiter, page) in ready {
            waiter.timer?.cancel()
            waiter.answer.resume(returning: page)
        }
        // Further behind than the window: read for each (once; afterwards it is in the window).
        for (token, waiter) in behind {
            do {
                let entries = try store.events(lead: nil, after: waiter.after, limit: waiter.limit).map(Self.entry)
                guard !entries.isEmpty || waiter.immediate else { continue }
                answer(token) { s in FeedPage(entries: entries, latest: s.latest) }
            } catch {
                answer(token) { s in FeedPage(latest: s.latest, failure: String(describing: error)) }
            }
        }
    }

    /// Reads what was written since the last look into the window (the newest `windowSize` entries).
    private func catchUp() throws {
        let newest = try store.latestEvent()
        var (latest, first) = state.withLock { s in (s.latest, s.lookedAt == nil) }
        if first || newest < latest {
            // The first look (or a log that shrank: another database at this path): the window starts here.
            state.withLock { s in
                s.window = []
                s.windowFrom = newest
                s.latest = newest
                s.lookedAt = .now
            }
            return
        }
        if newest - latest > Int64(Self.windowSize) {
            latest = newest - Int64(Self.windowSize)
            state.withLock { s in
                s.window = []
                s.windowFrom = latest
            }
        }
        while latest < newest {
            let read = try store.events(lead: nil, after: latest, limit: Self.readSize).map(Self.entry)
            guard let last = read.last else { break }
            latest = last.seq
            state.withLock { s in
                s.window.append(contentsOf: read)
                s.latest = max(s.latest, last.seq)
                let excess = s.window.count - Self.windowSize
                if excess > 0 {
                    s.windowFrom = s.window[excess - 1].seq
                    s.window.removeFirst(excess)
                }
            }
        }
        state.withLock { s in
            s.latest = max(s.latest, newest)
            s.lookedAt = .now
        }
    }

    private static func entry(_ event: LeadEvent) -> FeedEntry { FeedEntry(seq: event.seq, json: EventJSON.line(event)) }
}
