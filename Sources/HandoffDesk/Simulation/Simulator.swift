import Foundation
import HandoffCore
import HandoffStore

/// What to simulate: the rulebook in force, the draft, which stored leads, how many changes to keep.
public struct SimulationRequest: Sendable {
    public var current: Rulebook
    public var draft: Rulebook
    public var selection: ReplaySelection
    /// Changed leads kept in full (the rest are only counted).
    public var keep: Int
    /// An instant in the week whose real zone offsets the coverage check uses (the simulation's now).
    public var coverageWeek: Date

    public init(current: Rulebook, draft: Rulebook, selection: ReplaySelection, keep: Int, coverageWeek: Date) {
        self.current = current
        self.draft = draft
        self.selection = selection
        self.keep = keep
        self.coverageWeek = coverageWeek
    }
}

/// Runs a simulation against a store opened read-only: nothing it does can write to the database.
///
/// Both rulebooks start from the same simulated state: the stored accounts and absences, no open load,
/// every pool's turn at its first member, and a duplicate window holding the leads received in the
/// window before the first replayed lead. One thread reads and normalizes the leads (once, for both);
/// each rulebook decides them on a thread of its own; the reading thread compares the decisions.
public enum Simulator {
    /// Leads per batch handed to the replays: large enough that handing over costs nothing, small
    /// enough that a few batches in flight stay a few megabytes.
    static let batchSize = 2_048

    /// `store` is best opened read-only, so that nothing done here could write to it.
    public static func run(store: any LeadStore, _ request: SimulationRequest, progress: (@Sendable (Int) -> Void)? = nil) throws -> SimulationReport {
        let absences = try store.absences()
        let current = Desk.withStoredAbsences(request.current, absences)
        let draft = Desk.withStoredAbsences(request.draft, absences)
        let accounts = AccountDirectory(try store.accounts())
        let extent = try store.replayExtent(request.selection)

        let before = ReplayWorker(Replay(rulebook: current, accounts: accounts, expectedLeads: extent.count), name: "handoff.simulate.before")
        let after = ReplayWorker(Replay(rulebook: draft, accounts: accounts, expectedLeads: extent.count), name: "handoff.simulate.after")
        var tally = ChangeTally(keep: request.keep)
        var inFlight: [[ReplayLead]] = []
        var finished = false
        func finish() -> (Replay, Replay) {
            finished = true
            return (before.finish(), after.finish())
        }
        defer { if !finished { _ = finish() } }

        func compareOldest() {
            let batch = inFlight.removeFirst()
            let b = before.decisions(), a = after.decisions()
            tally.compare(batch, before: b, after: a)
            before.submit(.dispose(b, batch))
            after.submit(.dispose(a, []))
            if let progress, tally.leads / 100_000 != (tally.leads - batch.count) / 100_000 { progress(tally.leads) }
        }

        // The duplicate window before the first lead, so its earliest leads can be found to repeat older ones.
        if let first = extent.first {
            let window = Double(max(current.duplicates.window, draft.duplicates.window))
            var earlier: [NormalizedLead] = []
            try store.leads(receivedFrom: first.addingTimeInterval(-window), before: first) { lead in
                earlier.append(Normalizer.normalize(lead))
                if earlier.count == batchSize {
                    before.submit(.remember(earlier))
                    after.submit(.remember(earlier))
                    earlier = []
                }
            }
            before.submit(.remember(earlier))
            after.submit(.remember(earlier))
        }

        var batch: [ReplayLead] = []
        batch.reserveCapacity(batchSize)
        func send() {
            before.submit(.decide(batch))
            after.submit(.decide(batch))
            inFlight.append(batch)
            batch = []
            batch.reserveCapacity(batchSize)
            // Compare while the replays work on the batches behind it.
            if inFlight.count > 2 { compareOldest() }
        }
        try store.replayLeads(request.selection) { lead, closedAt in
            batch.append(ReplayLead(lead, closedAt: closedAt))
            if batch.count == batchSize { send() }
        }
        if !batch.isEmpty { send() }
        while !inFlight.isEmpty { compareOldest() }
        let (b, a) = finish()
        return SimulationReport(before: b, after: a, tally: tally, coverageWeek: request.coverageWeek)
    }
}
