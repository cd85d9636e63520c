import Foundation
import HandoffCore
import HandoffStore
import Testing
@testable import HandoffConsole

/// The Deliveries view: webhooks and CRM write-backs with their status, and `t` on a dead-lettered one.
@Suite struct DeliveriesViewTests {
    static func row(_ id: Int64, lead: Int, event: String, target: String, status: DeliveryStatus, attempts: Int,
                    next: TimeInterval? = nil, error: String? = nil) -> StoredDelivery {
        let now = ConsoleFixtures.now
        return StoredDelivery(
            id: id, target: target, leadId: LeadId.make(lead), eventSeq: id * 3, event: event, owner: "dan", body: "{}", status: status,
            attempts: attempts, roundAttempts: attempts, createdAt: now.addingTimeInterval(-Double(600 - Int(id) * 60)),
            nextAt: next.map { now.addingTimeInterval($0) }, updatedAt: now, lastCode: nil, lastError: error)
    }

    static let standing = DeliveriesStanding(rows: [
        row(6, lead: 12, event: "lead.accepted", target: "webhook:sales-bot", status: .pending, attempts: 2, next: 40,
            error: "503 from webhook:sales-bot: maintenance"),
        row(5, lead: 12, event: "lead.assigned", target: "hubspot", status: .delivered, attempts: 2, error: nil),
        row(4, lead: 11, event: "lead.assigned", target: "salesforce", status: .skipped, attempts: 0,
            error: "owner 'eve' has no salesforce id in the rulebook; add crm: {salesforce: \"...\"} to the owner"),
        row(3, lead: 11, event: "lead.assigned", target: "webhook:sales-bot", status: .dead, attempts: 8,
            error: "gave up after 8 attempts: no answer within 10 s"),
        row(2, lead: 10, event: "lead.flagged", target: "webhook:sales-bot", status: .delivered, attempts: 1),
        row(1, lead: 9, event: "lead.assigned", target: "hubspot", status: .dead, attempts: 1,
            error: "HubSpot refused the token (401); Handoff cannot refresh a token: put a valid one in HANDOFF_HUBSPOT_ACCESS_TOKEN (handback.yaml:12)"),
    ])

    func deliveriesState(rows: Int = 24, columns: Int = 80, readOnly: Bool = false) -> ConsoleState {
        var state = ConsoleFixtures.state(rows: rows, columns: columns, readOnly: readOnly)
        _ = Reducer.reduce(&state, .deliveries(Self.standing))
        state.press(.character("8"))
        return state
    }

    @Test func theViewAppearsOnceThereAreDeliveriesAndListsThemNewestFirst() throws {
        var state = ConsoleFixtures.state()
        #expect(!TabBar.shown(state).contains(.deliveries))
        _ = Reducer.reduce(&state, .deliveries(DeliveriesStanding(rows: [])))
        #expect(!TabBar.shown(state).contains(.deliveries))
        state = deliveriesState()
        #expect(state.tab == .deliveries && TabBar.shown(state).contains(.deliveries))
        #expect(state.ids(.deliveries) == ["6", "5", "4", "3", "2", "1"])
        try GoldenScreenTests().check("deliveries-80x24", state)
        try GoldenScreenTests().check("deliveries-120x40", deliveriesState(rows: 40, columns: 120))
    }

    @Test func retryingPutsOnlyADeadLetteredDeliveryBackInLine() {
        var state = deliveriesState()
        // The cursor starts on the newest, which is pending.
        #expect(state.press(.character("t")).isEmpty)
        #expect(state.status?.text == "delivery 6 is pending: only dead-lettered ones go back in line")
        state.press(.character("j"), .character("j"), .character("j"))
        #expect(state.cursors[.deliveries] == "3")
        #expect(state.press(.character("t")) == [.retryDelivery(3)])
        _ = Reducer.reduce(&state, .deliveryRetried(.success("delivery 3 is back in line: a running `handoff serve` sends it within a second")))
        #expect(state.status?.kind == .ok)
        _ = Reducer.reduce(&state, .deliveryRetried(.failure(ConsoleFailure("delivery 3 is no longer dead-lettered: nothing to retry"))))
        #expect(state.status?.kind == .error)
    }

    @Test func aReadOnlyConsoleShowsDeliveriesButRetriesNone() {
        var state = deliveriesState(readOnly: true)
        state.press(.character("j"), .character("j"), .character("j"))
        #expect(state.press(.character("t")).isEmpty)
        #expect(state.status?.text.hasPrefix("retry delivery is disabled") == true, "\(state.status?.text ?? "")")
    }
}
