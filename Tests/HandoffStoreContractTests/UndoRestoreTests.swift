import Foundation
import HandoffCore
import HandoffDesk
import HandoffWorkspace
import HandoffStore
import Testing

/// An operator's undo puts a lead back as it stood (state, owner or proposed owner, reason, clock),
/// with the owner's load and the pool's ledger, as one compensating entry in the log.
@Suite(.dropsItsDatabases) struct UndoRestoreTests {
    let later = tuesday.addingTimeInterval(600)

    /// A routed workspace with a flagged lead that has a proposal (L-0000001, no company) and an assigned one.
    func workspace(_ engine: Engine) throws -> (any LeadStore, Desk) {
        let (store, desk, _) = try located(engine)
        return (store, desk)
    }

    /// The same, with where it lives, for a second handle.
    func located(_ engine: Engine) throws -> (any LeadStore, Desk, StoreLocation) {
        let (store, location) = try engine.fresh()
        _ = try store.insert(incoming([lead("a", company: nil), lead("b", email: "mo@initech.de", company: "Initech")]), quarantine: [], at: tuesday, actor: "import")
        try Desk(store: store, rulebook: exampleRulebook, clock: { tuesday }).drain()
        return (store, try Desk(store: store, rulebook: exampleRulebook, clock: { [later] in later }), location)
    }

    func standing(_ record: LeadRecord) -> LeadStanding {
        LeadStanding(state: record.state, owner: record.owner, reason: record.reason, clock: record.updatedAt)
    }

    @Test(arguments: Engine.available)
    func undoingAnApprovalRestoresTheProposalReasonClockLoadAndLedger(_ engine: Engine) async throws {
        try await onThread {
            let (store, desk) = try workspace(engine)
            let before = try #require(try store.lead("L-0000001"))
            let owner = try #require(before.owner)
            #expect(before.state == .flagged)
            let ledgerBefore = try store.ledger()
            let approved = try desk.perform(.approve, on: before.lead.id, basedOn: before.version, actor: "olga")
            let loadWhileApproved = try store.ledger().openLoad[owner] ?? 0
            #expect(approved.updatedAt == later && loadWhileApproved == (ledgerBefore.openLoad[owner] ?? 0) + 1)

            let undone = try desk.perform(.restore(standing(before), undoing: .approve, note: "undo of approve"), on: before.lead.id,
                                          basedOn: approved.version, actor: "olga")
            #expect(undone.state == .flagged && undone.owner == owner && undone.reason == before.reason)
            #expect(undone.updatedAt == before.updatedAt, "the SLA clock and the queue's order start again")
            let ledger = try store.ledger()
            #expect((ledger.openLoad[owner] ?? 0) == (ledgerBefore.openLoad[owner] ?? 0))
            #expect(ledger.assigned == ledgerBefore.assigned, "an undone approval still counts toward fairness")
            let last = try #require(try store.events(lead: before.lead.id, after: 0, limit: 20).last)
            #expect(last.kind == .flagged && last.actor == "olga" && last.reason == before.reason?.code && last.detail.text == "undo of approve")
            #expect(try store.doctor().healthy)
        }
    }

    @Test(arguments: Engine.available)
    func undoingAReassignmentOfAnUnproposedLeadLeavesNoProposal(_ engine: Engine) async throws {
        try await onThread {
            let (store, desk) = try workspace(engine)
            let flagged = try #require(try store.lead("L-0000001"))
            // How a lead the router found no owner for stood: flagged, no proposal.
            let unproposed = LeadStanding(state: .flagged, owner: nil, reason: .noRoute, clock: flagged.updatedAt)
            let moved = try desk.perform(.reassign(to: "chloe", reason: "territory"), on: flagged.lead.id, basedOn: flagged.version, actor: "olga")
            let undone = try desk.perform(.restore(unproposed, undoing: .reassign, note: "undo of reassign"), on: flagged.lead.id,
                                          basedOn: moved.version, actor: "olga")
            #expect(undone.state == .flagged && undone.owner == nil && undone.reason == .noRoute)
            let chloesLoad = try store.ledger().openLoad["chloe"] ?? 0
            #expect(chloesLoad == 0)
            #expect(throws: StoreError.noProposal(flagged.lead.id)) { try desk.perform(.approve, on: flagged.lead.id, actor: "olga") }
        }
    }

    @Test(arguments: Engine.available)
    func undoingAReassignmentOfAnAssignedLeadGivesItBackWithItsClock(_ engine: Engine) async throws {
        try await onThread {
            let (store, desk) = try workspace(engine)
            let before = try #require(try store.lead("L-0000002"))
            let owner = try #require(before.owner)
            #expect(before.state == .assigned)
            let other = owner == "ben" ? "dan" : "ben"
            let moved = try desk.perform(.reassign(to: other, reason: "x"), on: before.lead.id, basedOn: before.version, actor: "olga")
            let undone = try desk.perform(.restore(standing(before), undoing: .reassign, note: "undo of reassign"), on: before.lead.id,
                                          basedOn: moved.version, actor: "olga")
            #expect(undone.state == .assigned && undone.owner == owner && undone.updatedAt == before.updatedAt)
            let load = try store.ledger().openLoad
            #expect(load[owner] == 1 && (load[other] ?? 0) == 0)
            #expect(try store.events(lead: before.lead.id, after: 0, limit: 20).last?.kind == .reassigned)
            #expect(try store.doctor().healthy)
        }
    }

    @Test(arguments: Engine.available)
    func undoingADisqualificationKeepsTheOriginalReason(_ engine: Engine) async throws {
        try await onThread {
            let (store, desk) = try workspace(engine)
            let before = try #require(try store.lead("L-0000001"))
            let closed = try desk.perform(.disqualify(reason: "spam"), on: before.lead.id, basedOn: before.version, actor: "olga")
            let undone = try desk.perform(.restore(standing(before), undoing: .disqualify, note: "undo of disqualify"), on: before.lead.id,
                                          basedOn: closed.version, actor: "olga")
            #expect(undone.state == .flagged && undone.reason == before.reason && undone.reason != .manual)
            #expect(undone.owner == before.owner && undone.updatedAt == before.updatedAt)
            #expect(try store.events(lead: before.lead.id, after: 0, limit: 20).last?.kind == .reopened)
        }
    }

    @Test(arguments: Engine.available)
    func anUndoThatNoLongerFitsIsRefused(_ engine: Engine) async throws {
        try await onThread {
            let (store, desk) = try workspace(engine)
            let before = try #require(try store.lead("L-0000002"))
            let accepted = try desk.perform(.accept, on: before.lead.id, actor: "owner:ben")
            #expect(throws: (any Error).self) {
                try desk.perform(.restore(standing(before), undoing: .reassign, note: "undo"), on: before.lead.id, basedOn: accepted.version, actor: "olga")
            }
            #expect(try store.lead(before.lead.id)?.state == .accepted)
        }
    }

    @Test(arguments: Engine.available)
    func aReadOnlyStoreRefusesEveryWriteAndRunsNoMigration(_ engine: Engine) async throws {
        try await onThread {
            let (store, _, location) = try located(engine)
            let counts = try store.counts()
            let watching = try location.open(readOnly: true)
            let desk = try Desk(store: watching, rulebook: exampleRulebook, clock: { [later] in later.addingTimeInterval(86_400 * 9) })
            let flagged = try #require(try watching.lead("L-0000001"))
            #expect(throws: (any Error).self) { try desk.perform(.approve, on: flagged.lead.id, actor: "olga") }
            #expect(throws: (any Error).self) { try desk.sweep() }
            #expect(throws: (any Error).self) { try watching.record(rulebook: exampleRulebook, source: "x", author: "olga", at: later) }
            #expect(try store.counts() == counts)
        }
    }

    @Test(arguments: Engine.available)
    func aWithdrawnAbsenceIsOutOfForceAtOnceAndKeptForReplays(_ engine: Engine) async throws {
        try await onThread {
            let (store, desk) = try workspace(engine)
            try desk.setAbsence(owner: "ben", from: "2026-11-24", until: "2026-11-25", actor: "olga")
            #expect(desk.rulebook.owner("ben")?.outOfOffice.isEmpty == false)
            let aMinuteLater = try Desk(store: store, rulebook: exampleRulebook, clock: { [later] in later.addingTimeInterval(60) })
            try aMinuteLater.withdrawAbsence(owner: "ben", from: "2026-11-24", until: "2026-11-25", actor: "olga")
            #expect(aMinuteLater.rulebook.owner("ben")?.outOfOffice.isEmpty == true)
            #expect(try store.absences().isEmpty)
            // A decision made while it held still replays with it.
            #expect(try store.absences(asOf: later).map(\.owner) == ["ben"])
            #expect(throws: DeskError.noSuchAbsence(owner: "ben", from: "2026-11-24", until: "2026-11-25")) {
                try aMinuteLater.withdrawAbsence(owner: "ben", from: "2026-11-24", until: "2026-11-25", actor: "olga")
            }
        }
    }

    @Test(arguments: Engine.available)
    func aClockDaysFromTheLogIsAGap(_ engine: Engine) async throws {
        try await onThread {
            let (_, desk) = try workspace(engine)
            #expect(try desk.clockGap() == nil, "ten minutes after the newest entry is no gap")
            let far = try Desk(store: desk.store, rulebook: exampleRulebook, clock: { tuesday.addingTimeInterval(9 * 86_400) })
            let gap = try #require(try far.clockGap())
            #expect(gap.lines.joined(separator: "\n").contains("9d later"))
            #expect(ClockGap.between(newest: nil, now: tuesday) == nil)
            #expect(ClockGap.between(newest: tuesday, now: tuesday.addingTimeInterval(-2 * 86_400)) != nil)
        }
    }
}
