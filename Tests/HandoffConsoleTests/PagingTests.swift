import Foundation
import HandoffCore
import HandoffDesk
import HandoffStore
import Testing
@testable import HandoffConsole

/// Lists a page at a time: the operator's own moves, filters and sorts are never taken for live updates.
@Suite struct PagingTests {
    /// Exceptions of which only the first two of `total` are loaded.
    static func longQueue(total: Int, offset: Int = 0, rows: [LeadRow] = ConsoleFixtures.exceptions) -> DeskSnapshot {
        var snapshot = ConsoleFixtures.snapshot(exceptions: rows)
        snapshot.exceptionsTotal = total
        snapshot.exceptionsOffset = offset
        return snapshot
    }

    static func flagged(_ n: Int) -> LeadRow {
        LeadRow(id: String(format: "L-%06d", n), receivedAt: ConsoleFixtures.at(60), company: "Co \(n)", owner: "ben", state: .flagged,
                reason: .noRoute, version: 2, updatedAt: ConsoleFixtures.at(30))
    }

    @Test func theEndOfALongListIsAskedForAndTheCursorLandsOnItsLastRow() {
        var state = ConsoleFixtures.state()
        state.live(Self.longQueue(total: 1_651))
        state.press(.character("2"))
        #expect(state.total(.exceptions) == 1_651)
        state.press(.character("G"))
        // The row is beyond the page: asked for, the cursor waits for it, and an action is held back.
        #expect(state.pendingRows[.exceptions] == 1_650 && state.asked?.exceptions.fromEnd == true)
        state.press(.character("a"))
        #expect(state.status?.text.contains("still being read") == true)
        state.live(Self.longQueue(total: 1_651, offset: 1_649, rows: [Self.flagged(1_700), Self.flagged(1_701)]))
        #expect(state.cursors[.exceptions] == "L-001701" && state.pendingRows[.exceptions] == nil)
        #expect(state.cursorShifts[.exceptions] == nil)
        // The badge counts the whole list and agrees with the tab.
        #expect(TabBar.labels(state).contains { $0.text.contains("Exceptions 1651") })
        #expect(state.tops[.exceptions] == 1_651 - Layout(state).tableBodyRows)
        guard case .perform(let plan, _, _, _) = state.press(.character("a")).first else { Issue.record("no approve"); return }
        #expect(plan.first?.leadId == "L-001701")
    }

    @Test func afterAFilterTheFirstActionIsOnTheFirstMatchAndNotHeldBack() {
        var state = ConsoleFixtures.state()
        state.press(.character("2"), .down) // on L-000004, the operator's choice
        state.press(.character("/"))
        state.type("zoe")
        state.press(.enter)
        #expect(state.asked?.text == "zoe" && state.asked?.exceptions.offset == 0 && state.asked?.exceptions.anchor == nil)
        let match = Self.flagged(6)
        state.live(ConsoleFixtures.snapshot(exceptions: [match]))
        // Landing on the filter's first row is the operator's doing: no guard.
        #expect(state.cursors[.exceptions] == match.id && state.cursorShifts[.exceptions] == nil)
        guard case .perform(let plan, _, _, _) = state.press(.character("a")).first else { Issue.record("held back: \(String(describing: state.status))"); return }
        #expect(plan.first?.leadId == match.id)
    }

    @Test func theGuardNamesTheLeadTheOperatorChoseAndFitsEightyColumns() {
        var state = ConsoleFixtures.state()
        state.press(.down) // L-000004 in Incoming, no longer following
        let rows = ConsoleFixtures.incoming
        state.live(ConsoleFixtures.snapshot(incoming: rows.filter { $0.id != "L-000004" }))
        state.live(ConsoleFixtures.snapshot(incoming: rows.filter { $0.id != "L-000004" && $0.id != "L-000003" }))
        #expect(state.cursors[.incoming] == "L-000002")
        state.press(.character("a"))
        let text = state.status?.text ?? ""
        #expect(text.contains("L-000004 → L-000002"), "\(text)")
        #expect(TextWidth.columns(text) <= 78, "\(text)")
    }

    @Test func approvingFromTheDetailPaneKeepsThePaneOnThatLead() {
        var state = ConsoleFixtures.state()
        state.press(.character("2"), .enter) // the pane on L-000003
        let row = ConsoleFixtures.exceptions[0]
        #expect(row.id == "L-000003" && state.detailShown)
        _ = Reducer.reduce(&state, .detail(LeadDetail(record: ConsoleFixtures.record(row, version: 3), events: [])))
        guard case .perform(let plan, _, _, _) = state.press(.character("a")).first else { Issue.record("no approve"); return }
        let after = ConsoleFixtures.record(row, state: .assigned, version: 4)
        _ = Reducer.reduce(&state, .performed(Performed(label: "approve", outcomes: [.done(plan[0], after)], before: [row.id: row], undoable: true)))
        _ = Reducer.reduce(&state, .detail(LeadDetail(record: after, events: [])))
        // The approved lead leaves the queue; the pane stays on it.
        state.live(ConsoleFixtures.snapshot(exceptions: ConsoleFixtures.exceptions.filter { $0.id != row.id }))
        #expect(state.detailLeadId == row.id && DetailPane.title(state).hasPrefix(row.id))
        // A second a is about the lead on screen: already assigned, so nothing is sent for the next one.
        #expect(!state.press(.character("a")).contains { if case .perform = $0 { true } else { false } })
        // Closing the pane lets go of it; the cursor is on the next lead.
        state.press(.escape)
        #expect(state.pinned == nil && state.cursors[.exceptions] == "L-000004")
    }

    @Test func sortingAsksTheStoreAndKeepsTheCursorsLead() {
        var state = ConsoleFixtures.state()
        state.press(.character("2"), .down)
        state.press(.character("s"))
        #expect(state.asked?.exceptions.sort == ListSort("waiting") && state.asked?.exceptions.anchor == "L-000004")
        state.press(.character("s")) // AGE: oldest last means received descending
        #expect(state.asked?.exceptions.sort == ListSort("received", descending: true))
    }

    @Test func filterFieldsAreCheckedAgainstWhatExists() {
        let owners = ["ana", "ben", "chloe"]
        #expect(FilterText("owner:ANA", owners: owners).query.owner == "ana")
        #expect(FilterText("owner:zed", owners: owners).problems.first?.contains("owner:zed is no owner; owners are ana, ben, chloe") == true)
        #expect(FilterText("country:germany").query.country == "DE")
        #expect(FilterText("country:XQ").problems.first?.contains("country:XQ is no country") == true)
        #expect(FilterText("reason:nonsense").problems.first?.contains("matches no reason") == true)
    }

    @Test func marksOutsideThePageStillActOnTheirLeads() {
        var state = ConsoleFixtures.state()
        state.press(.character("2"), .character(" ")) // marks L-000003
        state.live(Self.longQueue(total: 900, offset: 400, rows: [Self.flagged(500), Self.flagged(501)]))
        #expect(state.lead("L-000003") != nil)
        state.press(.character("a"))
        guard case .confirm(let confirmation)? = state.modal else {
            // One marked lead goes straight to the desk.
            #expect(state.inFlight == 1)
            return
        }
        #expect(confirmation.plan.contains { $0.leadId == "L-000003" })
    }

    @Test func openingTheDetailInIncomingHoldsItsLeadAsNewLeadsArrive() {
        var state = ConsoleFixtures.state()
        #expect(state.follow.contains(.incoming))
        state.press(.enter)
        #expect(!state.follow.contains(.incoming) && state.status?.text.contains("f follows new rows again") == true)
        let newer = LeadRow(id: "L-000009", receivedAt: ConsoleFixtures.now, company: "New Co", state: .received, updatedAt: ConsoleFixtures.now)
        state.live(ConsoleFixtures.snapshot(incoming: [newer] + ConsoleFixtures.incoming))
        #expect(state.detailLeadId == "L-000005")
        // The page the console asks for is anchored on that lead.
        #expect(state.asked?.incoming.anchor == "L-000005")
    }
}
