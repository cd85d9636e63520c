import Foundation
import HandoffCore
import HandoffDesk
import HandoffStore
import Testing
@testable import HandoffConsole

/// Jump, copy and completion, as the reducer does them: no terminal, no store.
@Suite struct LeadJumpTests {
    static func row(_ n: Int, _ state: LeadState, minutesAgo: Double) -> LeadRow {
        LeadRow(
            id: LeadId.make(n), receivedAt: ConsoleFixtures.at(minutesAgo), company: "Co \(n)", country: n % 2 == 0 ? "DE" : "US",
            route: n % 2 == 0 ? "emea-commercial" : "na-commercial", owner: "ana", state: state,
            reason: state == .flagged ? .freeEmail : nil, version: 2, updatedAt: ConsoleFixtures.at(minutesAgo)
        )
    }

    static func world() -> ConsoleState {
        var state = ConsoleFixtures.state(rows: 30, columns: 100)
        let rows = (1...40).reversed().map { row($0, $0 % 10 == 2 ? .flagged : .assigned, minutesAgo: Double(41 - $0)) }
        _ = Reducer.reduce(&state, .snapshot(ConsoleFixtures.snapshot(incoming: rows)))
        return state
    }

    @Test func goToANumberSelectsAndOpensTheLeadInItsView() {
        var state = Self.world()
        // From a view without leads, a flagged lead is shown among the exceptions.
        state.press(.character("3"))
        let effects = state.command(":goto 32")
        #expect(state.tab == .exceptions)
        #expect(state.cursors[.exceptions] == "L-0000032")
        #expect(state.detailRequested && state.modal == nil)
        #expect(effects == [.loadDetail("L-0000032")])
        #expect(state.status?.text == "L-0000032 in Exceptions")
        // A view that lists the lead keeps it: Incoming lists flagged leads too.
        state.press(.character("1"))
        state.command(":goto 22")
        #expect(state.tab == .incoming && state.cursors[.incoming] == "L-0000022")
    }

    @Test func anIdOnItsOwnJumpsToo() {
        var state = Self.world()
        state.press(.character("3"))
        #expect(state.command(":L-0000007") == [.loadDetail("L-0000007")])
        #expect(state.tab == .incoming && state.cursors[.incoming] == "L-0000007")
        // Following stops: the operator chose this row, the stream must not move them off it.
        #expect(!state.follow.contains(.incoming))
        state.command(":l-12")
        #expect(state.tab == .incoming && state.cursors[.incoming] == "L-0000012")
    }

    @Test func aLeadNoListHoldsIsAskedForAndLandedOnWhenItArrives() {
        var state = Self.world()
        let effects = state.command(":goto 900")
        #expect(state.filter.text == "L-0000900")
        // The pages for the new filter are asked for (`press` leaves queries out of what it returns).
        #expect(effects.isEmpty && state.asked?.text == "L-0000900")
        #expect(state.pendingJump?.id == "L-0000900")
        let found = Self.row(900, .accepted, minutesAgo: 300)
        let landed = Reducer.reduce(&state, .snapshot(ConsoleFixtures.snapshot(incoming: [found])))
        #expect(state.cursors[.incoming] == "L-0000900" && state.detailRequested && state.pendingJump == nil)
        #expect(landed == [.loadDetail("L-0000900")])
    }

    @Test func aLeadThatIsNowhereIsSaidSo() {
        var state = Self.world()
        state.command(":goto 901")
        _ = Reducer.reduce(&state, .snapshot(ConsoleFixtures.snapshot(incoming: [])))
        #expect(state.pendingJump != nil)
        _ = Reducer.reduce(&state, .snapshot(ConsoleFixtures.snapshot(incoming: [])))
        #expect(state.pendingJump == nil && state.status?.text == "no lead L-0000901 in this workspace")
        state.command(":goto lots")
        #expect(state.status?.kind == .error && state.status?.text.hasPrefix("usage: :goto") == true)
    }
}

@Suite struct ClipboardTests {
    @Test func yCopiesTheIdUnderTheCursor() {
        var state = LeadJumpTests.world()
        state.press(.down)
        #expect(state.press(.character("y")) == [.copy("L-0000039")])
        #expect(state.status?.text == "copied lead id L-0000039 to the clipboard")
        state.press(.character("3"))
        #expect(state.press(.character("y")).isEmpty)
    }

    @Test func bigYCopiesTheTraceReadingTheLeadWhenItIsNotLoaded() {
        var state = LeadJumpTests.world()
        #expect(state.press(.character("Y")) == [.copyTrace("L-0000040")])
        let trace = "L-0000040 assigned · owner ana\nroute: na-commercial"
        #expect(Reducer.reduce(&state, .copyReady(text: trace, what: "the trace of L-0000040")) == [.copy(trace)])
        #expect(state.status?.text == "copied the trace of L-0000040 (2 lines) to the clipboard")
    }

    @Test func theTraceIsTheDecisionInSentences() {
        let row = LeadJumpTests.row(5, .assigned, minutesAgo: 1)
        let record = ConsoleFixtures.record(row)
        #expect(ClipboardText.trace(LeadDetail(record: record, events: [])) == "L-0000005 assigned · owner ana\nnot routed yet")
    }
}

@Suite struct CompletionTests {
    func filter(_ state: inout ConsoleState, _ text: String) -> (text: String, candidates: [String]) {
        state.press(.character("/"))
        state.type(text)
        state.press(.tab)
        guard case .filter(let input) = state.modal else { return ("", []) }
        return (input.text, state.filterCompletions)
    }

    @Test func filterCompletesScopesAndTheirValues() {
        var state = LeadJumpTests.world()
        state.settings.routeNames = ["named-account", "emea-commercial", "na-commercial"]
        #expect(filter(&state, "acme ow").text == "acme owner:")
        state.press(.escape)
        #expect(filter(&state, "reason:dup").text == "reason:duplicate_suspect ")
        state.press(.escape)
        let owners = filter(&state, "owner:")
        #expect(owners.text == "owner:" && owners.candidates == ["ana", "ben", "chloe"])
        state.press(.escape)
        #expect(filter(&state, "country:").candidates == ["DE", "US"])
        state.press(.escape)
        #expect(filter(&state, "country:d").text == "country:DE ")
        state.press(.escape)
        let routes = filter(&state, "route:")
        #expect(routes.candidates == ["named-account", "emea-commercial", "na-commercial"])
        state.press(.escape)
        #expect(filter(&state, "route:e").text == "route:emea-commercial ")
        state.press(.escape)
        #expect(filter(&state, "state:f").text == "state:flagged ")
        // Enter still applies what was completed.
        let effects = state.press(.enter)
        #expect(state.filter.query.state == .flagged && effects.isEmpty && state.asked?.state == .flagged)
    }

    @Test func simulateCompletesPathsThroughTheRunner() {
        var state = LeadJumpTests.world()
        state.press(.character(":"))
        state.type("simulate dr")
        #expect(state.press(.tab) == [.completePath("dr")])
        _ = Reducer.reduce(&state, .pathCompletions(partial: "dr", candidates: ["drafts/", "draft.yaml"]))
        guard case .command(let line) = state.modal else { Issue.record("no command line"); return }
        #expect(line.input.text == "simulate draft" && line.completions == ["drafts/", "draft.yaml"])
        // An answer for text the operator has since changed is dropped.
        _ = Reducer.reduce(&state, .pathCompletions(partial: "dr", candidates: ["draft.yaml"]))
        guard case .command(let same) = state.modal else { return }
        #expect(same.input.text == "simulate draft")
        _ = Reducer.reduce(&state, .pathCompletions(partial: "draft", candidates: ["draft.yaml"]))
        guard case .command(let done) = state.modal else { return }
        #expect(done.input.text == "simulate draft.yaml ")
    }

    @Test func pathCandidatesComeFromTheFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("handoff-paths-\(UUID())")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("drafts"), withIntermediateDirectories: true)
        for name in ["draft.yaml", "drafts/q3.yaml", ".hidden.yaml", "notes.txt"] {
            try Data().write(to: folder.appendingPathComponent(name))
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(PathCompletion.candidates("dr", in: folder.path) == ["draft.yaml", "drafts/"])
        #expect(PathCompletion.candidates("drafts/", in: folder.path) == ["drafts/q3.yaml"])
        #expect(PathCompletion.candidates("", in: folder.path) == ["draft.yaml", "drafts/", "notes.txt"])
        #expect(PathCompletion.candidates(".h", in: folder.path) == [".hidden.yaml"])
        #expect(PathCompletion.candidates(folder.path + "/n", in: "/") == [folder.path + "/notes.txt"])
        #expect(PathCompletion.candidates("missing/x", in: folder.path).isEmpty)
    }
}
