import Foundation
import HandoffCore
import HandoffDesk
import HandoffStore

/// Eight leads over half an hour: assigned, flagged, approved, accepted, annotated, one still queued.
///
///     14:05  L1 DE enterprise -> ana; L2 no company (flagged); L3 US small -> dan; L4 gmail (flagged); L5 JP (no route)
///     14:12  L6 FR enterprise -> ben; L7 US small -> eve
///     14:15  ana accepts L1 (10 min)    14:20  L2 approved    14:22  dan accepts L3 (17 min)
///     14:25  L8 arrives, not routed     14:26  L4 annotated
struct Scenario {
    let store: any LeadStore
    let clock: TestClock
    let desk: Desk

    init(_ engine: Engine) throws {
        store = try engine.store()
        clock = TestClock(at("14:05"))
        let clock = clock
        desk = try Desk(store: store, rulebook: exampleRulebook, clock: { clock.now })
        try insert([
            lead("a", email: "jo@globex.de"),
            lead("b", email: "max@umbrella.de", company: nil),
            lead("c", email: "kim@initech.us", country: "US", employees: "50"),
            lead("d", email: "pat@gmail.com"),
            lead("e", email: "yui@tyrell.jp", country: "Japan", employees: "300"),
        ])
        try desk.drain()
        clock.set("14:12")
        try insert([lead("f", email: "ann@initech.fr", country: "FR", employees: "5000"), lead("g", email: "lee@hooli.com", country: "US", employees: "20")])
        try desk.drain()
        clock.set("14:15")
        try desk.perform(.accept, on: "L-0000001", actor: "owner:ana")
        clock.set("14:20")
        try desk.perform(.approve, on: "L-0000002", actor: "olga")
        clock.set("14:22")
        try desk.perform(.accept, on: "L-0000003", actor: "owner:dan")
        clock.set("14:25")
        try insert([lead("h", email: "lee.weber@soylent.de", employees: "1500")])
        clock.set("14:26")
        try desk.perform(.annotate("called, no answer"), on: "L-0000004", actor: "olga")
        clock.set("14:30")
    }

    func insert(_ leads: [Lead]) throws {
        _ = try store.insert(incoming(leads), quarantine: [], at: clock.now, actor: "import")
    }
}
