import Foundation
import HandoffDemo
import HandoffDesk
import HandoffSQLite
import HandoffStore
import Testing
@testable import HandoffServer

/// The feed's one watcher over a real store: pages in order and in the shape `log --json` prints,
/// many followers answered from one look, followers behind the window read for, and stopping.
@Suite(.serialized) struct EventFeedTests: Sendable {
    let store: SQLiteStore
    let desk: Desk
    let feed: EventFeed
    let start = Date(timeIntervalSince1970: 1_764_000_000)

    init() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("feed-\(UUID().uuidString).db").path
        store = try SQLiteStore(path: file)
        desk = try Desk(store: store, rulebook: LiveDemo.exampleRulebook, clock: { Date(timeIntervalSince1970: 1_764_000_000) })
        feed = EventFeed(store: store, log: { _ in })
        feed.start()
    }

    /// `count` new leads stored (one `received` entry each), as serve's intake stores them.
    func take(_ count: Int, from serial: Int) throws {
        var stream = LeadStream(seed: 7, accounts: [], start: start, firstSerial: serial)
        let leads = (0..<count).map { _ in stream.next() }.map { IncomingLead(lead: $0, idempotencyKey: "feed-\(serial)-\($0.email ?? "")-\(UUID())") }
        _ = try desk.intake(leads, quarantine: [], actor: "http")
        feed.poke()
    }

    @Test func pagesAreInOrderInTheLinesLogJSONPrintsAndFollowersShareOneLook() async throws {
        defer { feed.finish() }
        try take(100, from: 0)
        let first = await feed.page(after: 0, limit: 1_000, wait: .zero)
        let stored = try store.events(lead: nil, after: 0, limit: 1_000)
        #expect(first.entries.map(\.seq) == stored.map(\.seq))
        #expect(first.entries.map(\.json) == stored.map(EventJSON.line))
        #expect(first.latest == stored.last?.seq)

        // Fifty followers at the newest entry, held until the next one is written: each gets it.
        let latest = first.latest
        let pages = await withTaskGroup(of: FeedPage?.self) { group in
            for _ in 0..<50 {
                group.addTask { await feed.page(after: latest, limit: 10, wait: .seconds(20)) }
            }
            group.addTask {
                try? await Task.sleep(for: .milliseconds(300))
                try? take(1, from: 100)
                return nil
            }
            var pages: [FeedPage] = []
            for await page in group { if let page { pages.append(page) } }
            return pages
        }
        #expect(pages.count == 50)
        #expect(pages.allSatisfy { $0.entries.map(\.seq) == [latest + 1] }, "\(pages.map { $0.entries.map(\.seq) })")

        // More than the window: the newest are served from memory, the oldest read for whoever is that far behind.
        try take(EventFeed.windowSize + 500, from: 200)
        let newest = try store.latestEvent()
        let recent = await feed.page(after: newest - 10, limit: 100, wait: .zero)
        #expect(recent.entries.map(\.seq) == Array((newest - 9)...newest))
        let behind = await feed.page(after: 50, limit: 20, wait: .seconds(5))
        #expect(behind.entries.map(\.seq) == Array(51...70))
        #expect(behind.entries.map(\.json) == (try store.events(lead: nil, after: 50, limit: 20)).map(EventJSON.line))
    }

    @Test func nothingNewEndsEmptyAtTheWaitAndStoppingAnswersEveryoneAtOnce() async throws {
        try take(3, from: 0)
        let latest = try store.latestEvent()
        let clock = ContinuousClock()
        let started = clock.now
        let empty = await feed.page(after: latest, limit: 10, wait: .milliseconds(400))
        #expect(empty.entries.isEmpty && !empty.stopping)
        #expect(clock.now - started >= .milliseconds(400))

        async let held = feed.page(after: latest, limit: 10, wait: .seconds(60))
        try await Task.sleep(for: .milliseconds(200))
        let stopping = clock.now
        feed.finish()
        let page = await held
        #expect(page.stopping)
        #expect(clock.now - stopping < .seconds(5))
        // Later followers are told at once.
        #expect(await feed.page(after: 0, limit: 10, wait: .seconds(60)).stopping)
    }
}
