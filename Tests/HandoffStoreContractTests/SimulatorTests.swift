import Foundation
import HandoffCore
import HandoffDemo
import HandoffDesk
import HandoffStore
import HandoffWorkspace
import Testing

/// The simulation over a real store, on every engine: it reads through a read-only handle, writes
/// nothing, and the two-thread run gives the same report as the plain one-thread replay of the same leads.
@Suite(.dropsItsDatabases) struct SimulatorTests {
    /// The example rulebook with its enterprise route from 500 employees.
    static let draft: Rulebook = {
        let yaml = ExampleRulebook.yaml.replacingOccurrences(of: "employees: \">= 1000\"", with: "employees: \">= 500\"")
        return RulebookLoader.load(yaml: yaml, file: "draft.yaml").rulebook!
    }()

    /// A store of `count` routed leads (a tenth of them accepted later), and where it lives.
    static func routedStore(_ engine: Engine, _ count: Int) throws -> (store: any LeadStore, location: StoreLocation) {
        let (store, location) = try engine.fresh()
        _ = try store.insert(incoming(streamLeads(count)), quarantine: [], at: tuesday, actor: "import")
        let desk = try Desk(store: store, rulebook: exampleRulebook, clock: { tuesday })
        _ = try desk.drain()
        for record in try store.leads(LeadFilter(state: .assigned, limit: .max)).prefix(count / 10) {
            _ = try desk.perform(.accept, on: record.lead.id, actor: "owner:x")
        }
        return (store, location)
    }

    static func request(keep: Int = 1_000) -> SimulationRequest {
        SimulationRequest(
            current: exampleRulebook, draft: draft, selection: ReplaySelection(from: tuesday.addingTimeInterval(-30 * 86_400), to: tuesday.addingTimeInterval(86_400)),
            keep: keep, coverageWeek: tuesday
        )
    }

    @Test(arguments: Engine.available)
    func writesNothingToTheStore(_ engine: Engine) async throws {
        try await onThread {
            let (store, location) = try Self.routedStore(engine, 300)
            let before = (try store.generation(), try store.latestEvent(), try store.counts())
            let report = try Simulator.run(store: location.open(readOnly: true), Self.request())
            #expect(report.leads == 300 && report.changed > 0)
            #expect(try (store.generation(), store.latestEvent(), store.counts()) == before)
            // The handle it reads through cannot write at all.
            let readOnly = try location.open(readOnly: true)
            #expect(throws: (any Error).self) { try readOnly.record(rulebook: Self.draft, source: "", author: "x", at: tuesday) }
            #expect(try store.rulebooks(countingDecisions: false).isEmpty)
            #expect(try (store.generation(), store.latestEvent(), store.counts()) == before)
        }
    }

    @Test(arguments: Engine.available)
    func twoThreadsGiveTheSameReportAsOne(_ engine: Engine) async throws {
        try await onThread {
            // More leads than a few batches, so the pipeline's hand-overs are exercised.
            let store = try Self.routedStore(engine, 5_000).location.open(readOnly: true)
            let parallel = try Simulator.run(store: store, Self.request())
            var leads: [ReplayLead] = []
            try store.replayLeads(Self.request().selection) { lead, closed in leads.append(ReplayLead(lead, closedAt: closed)) }
            #expect(leads.contains { $0.closedAt != nil })
            let plain = Simulation.run(
                current: exampleRulebook, draft: Self.draft, accounts: AccountDirectory(try store.accounts()),
                leads: leads, keep: 1_000, coverageWeek: tuesday
            )
            #expect(parallel == plain)
            #expect(parallel.leads == 5_000)
        }
    }

    @Test(arguments: Engine.available)
    func leadsStoredOutOfOrderAreReplayedByReceivedTime(_ engine: Engine) async throws {
        try await onThread {
            let store = try engine.store()
            let times = [5, 1, 3, 2, 4].map { tuesday.addingTimeInterval(Double($0)) }
            let leads = times.enumerated().map { i, at in
                Lead(id: "", externalId: "x\(i)", receivedAt: at, email: "p\(i)@globex.de", company: "Globex", country: "DE", employees: "4200")
            }
            _ = try store.insert(incoming(leads), quarantine: [], at: tuesday, actor: "import")
            var seen: [Date] = []
            try store.replayLeads(ReplaySelection(from: nil, to: tuesday.addingTimeInterval(10))) { lead, _ in seen.append(lead.receivedAt) }
            #expect(seen == times.sorted())
            #expect(try store.replayExtent(ReplaySelection(from: nil, to: tuesday.addingTimeInterval(10))) == (5, tuesday.addingTimeInterval(1)))
            // A filter narrows the same reading.
            var some: [String] = []
            try store.replayLeads(ReplaySelection(from: nil, to: tuesday.addingTimeInterval(10), filter: LeadFilter(search: "p3@", limit: 0))) { lead, _ in some.append(lead.email ?? "") }
            #expect(some == ["p3@globex.de"])
        }
    }

    @Test(arguments: Engine.available)
    func anEmptyWindowGivesAnEmptyReport(_ engine: Engine) async throws {
        try await onThread {
            let location = try Self.routedStore(engine, 20).location
            var request = Self.request()
            request.selection = ReplaySelection(from: tuesday.addingTimeInterval(86_400), to: tuesday.addingTimeInterval(2 * 86_400))
            let report = try Simulator.run(store: location.open(readOnly: true), request)
            #expect(report.leads == 0 && report.changed == 0 && report.first == nil)
        }
    }
}
