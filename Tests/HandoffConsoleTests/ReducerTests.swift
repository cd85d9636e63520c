import Foundation
import HandoffCore
import HandoffDesk
import HandoffStore
import Testing
@testable import HandoffConsole

@Suite struct NavigationTests {
    @Test func cursorStaysOnItsLeadWhenNewLeadsArrive() {
        var state = ConsoleFixtures.state()
        state.press(.down) // L-000004
        #expect(state.cursors[.incoming] == "L-000004")
        let newer = LeadRow(id: "L-000006", receivedAt: ConsoleFixtures.now, company: "New Co", state: .received, updatedAt: ConsoleFixtures.now)
        state.live(ConsoleFixtures.snapshot(incoming: [newer] + ConsoleFixtures.incoming))
        #expect(state.cursors[.incoming] == "L-000004")
        #expect(state.cursorHints[.incoming] == 2)
    }

    @Test func cursorLandsNextToALeadThatLeftTheList() {
        var state = ConsoleFixtures.state()
        state.press(.character("2"))
        #expect(state.tab == .exceptions)
        #expect(state.cursors[.exceptions] == "L-000003")
        let remaining = ConsoleFixtures.exceptions.filter { $0.id != "L-000003" }
        state.live(ConsoleFixtures.snapshot(exceptions: remaining))
        #expect(state.cursors[.exceptions] == "L-000004")
    }

    @Test func marksAreKeyedByLeadIdAcrossUpdates() {
        var state = ConsoleFixtures.state()
        state.press(.character(" "), .character(" "))
        #expect(state.marks == ["L-000005", "L-000004"])
        let newer = LeadRow(id: "L-000009", receivedAt: ConsoleFixtures.now, state: .received, updatedAt: ConsoleFixtures.now)
        state.live(ConsoleFixtures.snapshot(incoming: [newer] + ConsoleFixtures.incoming))
        #expect(state.marks == ["L-000005", "L-000004"])
        state.press(.character("*"))
        #expect(state.marks.count == 5)
        state.press(.character("*"))
        #expect(state.marks.isEmpty)
    }

    @Test func tabsAndKeysSwitchViews() {
        var state = ConsoleFixtures.state()
        state.press(.tab)
        #expect(state.tab == .exceptions)
        state.press(.backTab, .backTab)
        #expect(state.tab == .insights)
        state.press(.backTab)
        #expect(state.tab == .activity)
        state.press(.character("3"))
        #expect(state.tab == .owners)
        #expect(state.cursors[.owners] == "ana")
    }

    @Test func activityFollowsNewestUntilTheOperatorMovesAway() {
        var state = ConsoleFixtures.state()
        state.press(.character("4"))
        #expect(state.cursors[.activity] == "5")
        state.press(.up)
        #expect(!state.follow.contains(.activity))
        state.press(.character("F"))
        #expect(state.cursors[.activity] == "5")
    }

    @Test func sortingByColumnKeepsTheCursorOnItsLead() {
        var state = ConsoleFixtures.state()
        state.press(.down) // L-000004
        state.press(.character("s")) // by ID ascending
        // The store sorts the whole list; the page is read around the cursor's lead.
        #expect(state.asked?.incoming.sort == ListSort("id") && state.asked?.incoming.anchor == "L-000004")
        let byId = ConsoleFixtures.incoming.sorted { $0.id < $1.id }
        state.live(ConsoleFixtures.snapshot(incoming: byId))
        #expect(state.incomingRows.map(\.id) == ["L-000002", "L-000003", "L-000004", "L-000005"])
        #expect(state.cursors[.incoming] == "L-000004" && state.cursorShifts[.incoming] == nil)
        state.press(.character("S"))
        #expect(state.asked?.incoming.sort == ListSort("id", descending: true))
    }

    @Test func pausingLiveUpdatesHoldsSnapshotsAndCountsPending() {
        var state = ConsoleFixtures.state()
        state.press(.character("Z"))
        let newer = LeadRow(id: "L-000009", receivedAt: ConsoleFixtures.now, state: .received, updatedAt: ConsoleFixtures.now)
        state.live(ConsoleFixtures.snapshot(incoming: [newer] + ConsoleFixtures.incoming, events: 9))
        #expect(state.incomingRows.count == 4)
        #expect(state.pending == 4)
        state.press(.character("Z"))
        #expect(state.incomingRows.count == 5)
        #expect(state.pending == 0)
    }

    @Test func resizeKeepsTheCursorInView() {
        var state = ConsoleFixtures.state(rows: 40)
        state.press(.character("G"))
        _ = Reducer.reduce(&state, .resize(rows: 14, columns: 60))
        let top = state.tops[.incoming] ?? 0
        let index = state.cursorHints[.incoming] ?? 0
        #expect(index >= top && index < top + Layout(state).tableBodyRows)
    }
}

@Suite struct ActionTests {
    @Test func approveOneLeadGoesStraightToTheDesk() {
        var state = ConsoleFixtures.state()
        state.press(.down) // L-000004, flagged, proposed ana
        let effects = state.press(.character("a"))
        guard case .perform(let plan, _, let before, true) = effects.first else { Issue.record("no perform: \(effects)"); return }
        #expect(plan == [PlannedCommand(leadId: "L-000004", version: 3, command: .approve)])
        #expect(before["L-000004"]?.reason == .noRoute)
    }

    @Test func approveRefusesALeadTheLifecycleDoesNotAllow() {
        var state = ConsoleFixtures.state()
        let effects = state.press(.character("a")) // L-000005 is assigned
        #expect(effects.isEmpty)
        #expect(state.status?.kind == .error)
        #expect(state.status?.text.contains("approve applies to leads that are flagged") == true)
    }

    @Test func bulkApproveAsksFirstAndDefaultsToNo() {
        var state = ConsoleFixtures.state()
        state.press(.character("2"), .character(" "), .character(" "))
        var effects = state.press(.character("a"))
        #expect(effects.isEmpty)
        guard case .confirm(let confirmation) = state.modal else { Issue.record("no confirm"); return }
        #expect(confirmation.lines.first == "Approve 2 leads?")
        #expect(confirmation.lines[1].contains("L-000003, L-000004"))
        effects = state.press(.enter) // the default is No
        #expect(effects.isEmpty)
        #expect(state.modal == nil)
        #expect(state.marks.count == 2)
        state.press(.character("a"))
        effects = state.press(.character("y"))
        guard case .perform(let plan, _, _, _) = effects.first else { Issue.record("no perform"); return }
        #expect(plan.map(\.leadId) == ["L-000003", "L-000004"])
    }

    @Test func reassignPicksAnOwnerByTypingThenAsksWhy() {
        var state = ConsoleFixtures.state()
        #expect(state.press(.down, .character("r")) == [.loadDetail("L-000004")])
        guard case .picker = state.modal else { Issue.record("no picker"); return }
        let detail = LeadDetail(record: ConsoleFixtures.record(ConsoleFixtures.incoming[1]), events: [])
        _ = Reducer.reduce(&state, .detail(detail))
        state.type("be")
        state.press(.enter)
        guard case .input(.reassignReason(_, let owner), _) = state.modal else { Issue.record("no reason prompt"); return }
        #expect(owner == "ben")
        #expect(state.press(.enter).isEmpty) // a reason is required
        state.type("speaks Japanese")
        let effects = state.press(.enter)
        guard case .perform(let plan, _, _, _) = effects.first else { Issue.record("no perform"); return }
        #expect(plan.first?.command == .reassign(to: "ben", reason: "speaks Japanese"))
    }

    @Test func annotateTakesUTF8TextWithEditingKeys() {
        var state = ConsoleFixtures.state()
        state.press(.character("n"))
        state.type("Zoë called 株式会社x")
        state.press(.backspace, .home, .delete, .character("z"))
        let effects = state.press(.enter)
        guard case .perform(let plan, _, _, _) = effects.first else { Issue.record("no perform"); return }
        #expect(plan.first?.command == .annotate("zoë called 株式会社"))
    }

    @Test func readOnlyConsolesSayWhyEveryMutatingKeyIsDisabled() {
        var state = ConsoleFixtures.state(role: .viewer)
        for key in ["a", "r", "n", "x", "R", "A", "u"] {
            let effects = state.press(.character(Character(key)))
            #expect(effects.isEmpty)
            #expect(state.status?.text.contains("the viewer role cannot change leads") == true, "\(key)")
        }
        var readOnly = ConsoleFixtures.state(readOnly: true)
        readOnly.press(.character("a"))
        #expect(readOnly.status?.text == "approve is disabled: this console is read-only (--read-only)")
    }

    @Test func aStaleActionIsRefusedWithWhatChangedByWhomAndWhen() {
        var state = ConsoleFixtures.state()
        let row = ConsoleFixtures.incoming[1]
        let plan = PlannedCommand(leadId: row.id, version: 3, command: .approve)
        let latest = LeadEvent(seq: 9, leadId: row.id, kind: .reassigned, at: ConsoleFixtures.at(0.5), actor: "ben", leadVersion: 4, detail: EventDetail(owner: "ben"))
        let stale = StaleVersion(leadId: row.id, expected: 3, current: 4, latest: latest)
        _ = Reducer.reduce(&state, .performed(Performed(label: "approve", outcomes: [.stale(plan, stale)], before: [row.id: row], undoable: true)))
        guard case .refused(let refusal) = state.modal else { Issue.record("no refusal"); return }
        #expect(refusal.lines[0] == "L-000004: reassigned by ben at 14:29:30 (owner ben)")
        #expect(refusal.lines.last?.contains("Nothing was changed") == true)
        #expect(state.undo == nil)
    }

    @Test func undoSendsACompensatingCommandWithinTheWindow() {
        var state = ConsoleFixtures.state()
        let row = ConsoleFixtures.incoming[1]
        let plan = PlannedCommand(leadId: row.id, version: 3, command: .approve)
        let after = ConsoleFixtures.record(row, state: .assigned, version: 4)
        _ = Reducer.reduce(&state, .performed(Performed(label: "approve", outcomes: [.done(plan, after)], before: [row.id: row], undoable: true)))
        #expect(state.status?.text.contains("u to undo") == true)
        let effects = state.press(.character("u"))
        guard case .perform(let undo, _, _, false) = effects.first else { Issue.record("no undo: \(effects)"); return }
        let standing = LeadStanding(state: row.state, owner: row.owner, reason: row.reason, clock: row.updatedAt)
        #expect(undo == [PlannedCommand(leadId: row.id, version: 4, command: .restore(standing, undoing: .approve, note: "undo of approve"))])
    }

    @Test func undoRefusesOnceTheWindowHasClosed() {
        var state = ConsoleFixtures.state()
        let row = ConsoleFixtures.incoming[1]
        let plan = PlannedCommand(leadId: row.id, version: 3, command: .disqualify(reason: "spam"))
        _ = Reducer.reduce(&state, .performed(Performed(label: "disqualify", outcomes: [.done(plan, ConsoleFixtures.record(row, state: .disqualified))], before: [row.id: row], undoable: true)))
        let standing = LeadStanding(state: row.state, owner: row.owner, reason: row.reason, clock: row.updatedAt)
        #expect(state.undo?.plan.first?.command == .restore(standing, undoing: .disqualify, note: "undo of disqualify"))
        _ = Reducer.reduce(&state, .tick(wall: ConsoleFixtures.now.addingTimeInterval(31), desk: ConsoleFixtures.now))
        #expect(state.press(.character("u")).isEmpty)
        #expect(state.status?.text == "nothing to undo")
    }

    @Test func outOfOfficeFromTheOwnersView() {
        var state = ConsoleFixtures.state()
        state.press(.character("3"), .down, .down, .character("o"))
        state.type("2027-01-04..2026-12-20")
        #expect(state.press(.enter).isEmpty)
        #expect(state.status?.kind == .error)
        state.press(.control("u"))
        state.type("2026-12-20..2027-01-04")
        #expect(state.press(.enter) == [.setAbsence(owner: "chloe", from: "2026-12-20", until: "2027-01-04")])
    }

    @Test func pauseAndResumeFromTheOwnersViewAndTheCommandLine() {
        var state = ConsoleFixtures.state()
        // On a lead list, p is not bound to anything that changes an owner.
        #expect(state.press(.character("p")).isEmpty)
        state.press(.character("3"), .character("p"))
        guard case .input(.pause(owner: "ana"), _)? = state.modal else { Issue.record("no pause prompt: \(String(describing: state.modal))"); return }
        state.type("lunch")
        #expect(state.press(.enter) == [.setPause(owner: "ana", paused: true, reason: "lunch")])
        #expect(state.modal == nil)
        // A paused owner is resumed at once.
        state.snapshot?.owners[0].availability = .paused(text: "paused by olga: lunch")
        #expect(state.press(.character("p")) == [.setPause(owner: "ana", paused: false, reason: "")])
        _ = Reducer.reduce(&state, .ownerPause(owner: "ana", paused: false, result: .success("resumed")))
        #expect(state.status?.text == "ana takes leads again")
        // The command line: with an owner it is that owner, without one the routing core.
        #expect(state.command(":pause ben customer call") == [.setPause(owner: "ben", paused: true, reason: "customer call")])
        #expect(state.command(":resume ben") == [.setPause(owner: "ben", paused: false, reason: "")])
        #expect(state.command(":pause") == [.pauseCore(true)])
        _ = state.command(":pause zed")
        #expect(state.status?.kind == .error)
    }
}

@Suite struct FilterAndCommandLineTests {
    @Test func filterWordsBecomeAScopedQuery() {
        let filter = FilterText("owner:ana reason:duplicate country:de acme gmbh")
        #expect(filter.query.owner == "ana")
        #expect(filter.query.reason == .duplicateSuspect)
        #expect(filter.query.country == "DE")
        #expect(filter.query.text == "acme gmbh")
        #expect(FilterText("colour:red").problems.first?.contains("is not a filter field") == true)
    }

    @Test func slashFilterAsksTheDeskForANewSnapshot() {
        var state = ConsoleFixtures.state()
        state.press(.character("/"))
        state.type("reason:sla")
        state.press(.enter)
        #expect(state.asked?.reason == .slaBreached && state.asked?.incoming.offset == 0 && state.asked?.exceptions.offset == 0)
        #expect(state.filter.text == "reason:sla")
    }

    @Test func commandLineCompletesAndRemembers() {
        var state = ConsoleFixtures.state()
        state.press(.character(":"))
        state.type("rea")
        state.press(.tab)
        guard case .command(let line) = state.modal else { Issue.record("no command line"); return }
        #expect(line.input.text == "reassign ")
        state.type("c")
        state.press(.tab)
        guard case .command(let line2) = state.modal else { Issue.record("no command line"); return }
        #expect(line2.input.text == "reassign chloe ")
        state.press(.escape, .character(":"))
        state.type("theme light")
        #expect(state.press(.enter) == [.theme("light")])
        state.press(.character(":"), .up)
        guard case .command(let line3) = state.modal else { Issue.record("no command line"); return }
        #expect(line3.input.text == "theme light")
    }

    @Test func commandLineReassignsWithAReason() {
        var state = ConsoleFixtures.state()
        state.press(.character(":"))
        state.type("reassign ben knows the account")
        let effects = state.press(.enter)
        #expect(effects.first == .loadDetail("L-000005")) // the router's reasons, for a picker
        guard case .perform(let plan, _, _, _) = effects.last else { Issue.record("no perform: \(effects)"); return }
        #expect(plan.first?.command == .reassign(to: "ben", reason: "knows the account"))
    }

    @Test func commandLineNamesUnknownCommandsAndOwners() {
        var state = ConsoleFixtures.state()
        state.press(.character(":"))
        state.type("reasign ben")
        state.press(.enter)
        #expect(state.status?.text == ":reasign is not a command; did you mean :reassign?")
        state.press(.character(":"))
        state.type("ooo bne 2026-12-20..2027-01-04")
        state.press(.enter)
        #expect(state.status?.text == "no owner bne; did you mean ben?")
        state.press(.character(":"))
        state.type("q")
        #expect(state.press(.enter) == [.quit])
    }
}

@Suite struct KeyMapTests {
    @Test func everyBindingIsReachableAndHelpListsIt() {
        var seen: Set<Key> = []
        for binding in KeyMap.bindings {
            for key in binding.keys {
                #expect(!seen.contains(key), "\(key.name) bound twice")
                seen.insert(key)
            }
        }
        #expect(KeyMap.helpLines().count == KeyMap.bindings.count)
        #expect(KeyMap.hints(for: .owners).contains { $0.command == .outOfOffice })
        #expect(!KeyMap.hints(for: .owners).contains { $0.command == .approve })
    }
}

@Suite struct CursorGuardTests {
    @Test func anActionRightAfterTheCursorWasMovedByAnUpdateIsHeldBack() {
        var state = ConsoleFixtures.state()
        state.press(.character("2"))
        #expect(state.cursors[.exceptions] == "L-000003")
        let remaining = ConsoleFixtures.exceptions.filter { $0.id != "L-000003" }
        state.live(ConsoleFixtures.snapshot(exceptions: remaining))
        #expect(state.press(.character("a")).isEmpty)
        #expect(state.status?.text.contains("L-000003 → L-000004") == true)
        // Pressed again, it is meant: L-000004 is approved.
        guard case .perform(let plan, _, _, _) = state.press(.character("a")).first else { Issue.record("no perform"); return }
        #expect(plan.first?.leadId == "L-000004")
    }

    @Test func theGuardLapsesAfterAGlance() {
        var state = ConsoleFixtures.state()
        state.press(.character("2"))
        let remaining = ConsoleFixtures.exceptions.filter { $0.id != "L-000003" }
        state.live(ConsoleFixtures.snapshot(exceptions: remaining))
        _ = Reducer.reduce(&state, .tick(wall: ConsoleFixtures.now.addingTimeInterval(1), desk: ConsoleFixtures.now))
        guard case .perform = state.press(.character("a")).first else { Issue.record("held back too long"); return }
    }

    @Test func movingTheCursorClearsAnErrorAboutTheLeadItLeft() {
        var state = ConsoleFixtures.state()
        state.press(.character("a")) // L-000005 is assigned: an error
        #expect(state.status?.kind == .error)
        state.press(.down)
        #expect(state.status == nil)
    }
}

@Suite struct MouseTests {
    @Test func aClickSelectsTheRowAndTheWheelScrolls() {
        var state = ConsoleFixtures.state()
        let layout = Layout(state)
        // The third data row: heading at table.row, rows below it.
        state.press(.mouse(MouseEvent(.click, row: layout.table.row + 3, column: 10)))
        #expect(state.cursors[.incoming] == "L-000003")
        state.press(.mouse(MouseEvent(.wheelUp, row: layout.table.row + 3, column: 10)))
        #expect(state.cursors[.incoming] == "L-000005")
        state.press(.mouse(MouseEvent(.click, row: layout.tabs.row, column: TabBar.width(.incoming, columns: state.columns) + 2)))
        #expect(state.tab == .exceptions)
    }

    @Test func aDoubleClickOpensTheDetail() {
        var state = ConsoleFixtures.state()
        let effects = state.press(.mouse(MouseEvent(.doubleClick, row: Layout(state).table.row + 2, column: 10)))
        #expect(state.detailRequested)
        #expect(effects == [.loadDetail("L-000004")])
    }
}

@Suite struct DetailScrollTests {
    static func withHistory(rows: Int, columns: Int) -> ConsoleState {
        var state = ConsoleFixtures.state(rows: rows, columns: columns)
        state.press(.down, .enter)
        let row = ConsoleFixtures.incoming[1]
        let events = (1...40).map { i in
            LeadEvent(seq: Int64(i), leadId: row.id, kind: .annotated, at: ConsoleFixtures.at(Double(40 - i)), actor: "ana", leadVersion: i, detail: EventDetail(text: "note \(i)"))
        }
        _ = Reducer.reduce(&state, .detail(LeadDetail(record: ConsoleFixtures.record(row), events: events)))
        return state
    }

    @Test func movementKeysScrollTheDetailWhileItCoversTheTable() {
        var state = Self.withHistory(rows: 24, columns: 80)
        let cursor = state.cursors[.incoming]
        state.press(.down, .down, .pageDown)
        #expect(state.cursors[.incoming] == cursor)
        #expect(state.detailScroll > 2)
        state.press(.end)
        #expect(state.detailScroll == DetailPane.maxScroll(state))
        #expect(ConsoleRenderer.render(state).lines.contains { $0.contains("note 40") })
        #expect(ConsoleRenderer.render(state).lines.contains { $0.contains("↑ more") })
        state.press(.home)
        #expect(state.detailScroll == 0)
        #expect(ConsoleRenderer.render(state).lines.contains { $0.contains("↓ more") })
    }

    @Test func bracketsScrollTheDetailBesideTheTable() {
        var state = Self.withHistory(rows: 30, columns: 200)
        state.press(.character("]"), .character("]"))
        #expect(state.detailScroll == 2)
        state.press(.down)
        #expect(state.cursors[.incoming] == "L-000003")
    }
}

@Suite struct ReloadTests {
    @Test func reloadIsACommandAndARefusedFileOpensItsProblems() {
        var state = ConsoleFixtures.state()
        state.press(.character(":"))
        state.type("reload")
        #expect(state.press(.enter) == [.reloadRules])
        _ = Reducer.reduce(&state, .rulesReloaded(.failure(RulesProblems(file: "rules.yaml", lines: ["rules.yaml:4:1: error: invalid YAML"]))))
        guard case .refused(let refusal) = state.modal else { Issue.record("no dialog"); return }
        #expect(refusal.lines.first == "rules.yaml:4:1: error: invalid YAML")
        #expect(state.status?.text == "rules.yaml refused; the rulebook in force keeps running")
        var viewer = ConsoleFixtures.state(role: .viewer)
        viewer.press(.character(":"))
        viewer.type("reload")
        #expect(viewer.press(.enter).isEmpty)
    }
}
