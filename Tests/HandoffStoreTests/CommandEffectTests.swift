import Foundation
import HandoffCore
@testable import HandoffStore
import Testing

/// What a command writes, worked out without an engine: every engine stores exactly this.
@Suite("Command effects")
struct CommandEffectTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func lead(_ state: LeadState, owner: String? = "ana", pool: String? = "emea", reason: String? = nil) -> StoredLead {
        StoredLead(state: state, owner: owner, pool: pool, version: 4, reason: reason)
    }

    @Test("approving a flagged lead's proposal gives the owner a lead and counts it in the pool's ledger")
    func approve() throws {
        let effect = try CommandEffect(.approve, on: lead(.flagged, reason: "free_email"), leadId: "L-0000001", at: now)
        #expect(effect.state == .assigned)
        #expect(effect.version == 5)
        #expect(effect.owner == "ana")
        #expect(effect.loads == [.init(key: "ana", owner: "ana", delta: 1)])
        #expect(effect.ledger == [.init(key: "emea", owner: "ana", delta: 1)])
        #expect(effect.reasonCode == nil)
        #expect(effect.clock == now)
        #expect(effect.detail == EventDetail(owner: "ana", from: .flagged, to: .assigned))
    }

    @Test("approving with no proposed owner is refused, naming what to do")
    func approveWithoutProposal() {
        #expect(throws: StoreError.noProposal("L-0000001")) {
            try CommandEffect(.approve, on: lead(.flagged, owner: nil), leadId: "L-0000001", at: now)
        }
    }

    @Test("reassigning an assigned lead moves one lead of load from the old owner to the new, in that order")
    func reassign() throws {
        let effect = try CommandEffect(.reassign(to: "bo", reason: "speaks German"), on: lead(.assigned), leadId: "L-0000002", at: now)
        #expect(effect.owner == "bo")
        #expect(effect.loads == [.init(key: "ana", owner: "ana", delta: -1), .init(key: "bo", owner: "bo", delta: 1)])
        #expect(effect.ledger.isEmpty)
        #expect(effect.reason == "speaks German")
        #expect(effect.detail.previousOwner == "ana")
    }

    @Test("a note moves neither state, owner nor the lead's clock")
    func annotate() throws {
        let effect = try CommandEffect(.annotate("called twice"), on: lead(.flagged, reason: "no_route"), leadId: "L-0000003", at: now)
        #expect(effect.state == .flagged)
        #expect(effect.clock == nil)
        #expect(effect.loads.isEmpty)
        // Still flagged: the exception keeps its code.
        #expect(effect.reasonCode == "no_route")
    }

    @Test("undoing an approval puts the lead back flagged with its code and clock, and takes the ledger's count back")
    func undoApproval() throws {
        let before = Date(timeIntervalSince1970: 1_799_999_000)
        let standing = LeadStanding(state: .flagged, owner: "ana", reason: .freeEmail, clock: before)
        let effect = try CommandEffect(.restore(standing, undoing: .approve, note: "undo"), on: lead(.assigned), leadId: "L-0000004", at: now)
        #expect(effect.state == .flagged)
        #expect(effect.reasonCode == "free_email")
        #expect(effect.clock == before)
        #expect(effect.loads == [.init(key: "ana", owner: "ana", delta: -1)])
        #expect(effect.ledger == [.init(key: "emea", owner: "ana", delta: -1)])
    }

    @Test("a command the lead's state does not allow is refused with the lead named")
    func illegal() {
        #expect(throws: StoreError.self) {
            try CommandEffect(.accept, on: lead(.received, owner: nil), leadId: "L-0000005", at: now)
        }
    }

    @Test("retrying a lead sends it back to the queue without route, pool or owner")
    func retry() throws {
        let effect = try CommandEffect(.retry, on: lead(.flagged, reason: "no_route"), leadId: "L-0000006", at: now)
        #expect(effect.state == .received)
        #expect(effect.clearsRouting)
        #expect(effect.owner == nil)
        #expect(effect.reasonCode == nil)
    }
}
