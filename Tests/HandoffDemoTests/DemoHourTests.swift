import Foundation
import Testing
import HandoffCore
import HandoffDemo
import HandoffText

/// The demo tells the product's truth: routine leads find an owner with no person involved, and the
/// ones that wait for a person do so for a named reason, at believable rates.
@Suite struct DemoHourTests {
    let start = LiveDemo.Settings.defaultStart

    @Test(arguments: [1, 2] as [UInt64])
    func mostLeadsAreAssignedWithNoPersonAndEveryReasonShows(seed: UInt64) throws {
        let hour = try DemoHour.measure(seed: seed, start: start)
        let share = { (reason: ExceptionReason) in
            Double(hour.exceptions.first { $0.reason == reason }?.count ?? 0) / Double(hour.leads)
        }
        #expect(hour.leads > 2_000 && hour.arrived == hour.leads + hour.quarantined)
        #expect(hour.from == start.addingTimeInterval(-3_600) && hour.until == start)
        // Every stored lead is either with an owner or waiting for a person: none left unrouted.
        #expect(hour.unattended + hour.flagged == hour.leads)
        #expect(hour.unattendedShare >= 0.85, "\(hour.unattendedShare)")
        for reason in [ExceptionReason.duplicateSuspect, .reviewRequired, .freeEmail, .missingField, .invalidEmail, .noRoute, .slaBreached] {
            #expect(share(reason) > 0, "\(reason) missing from \(hour.exceptions)")
            #expect(share(reason) < 0.05, "\(reason) at \(share(reason))")
        }
        // The odd lead, not a trend: what no route takes, and what breaches its SLA.
        #expect(share(.noRoute) < 0.015 && share(.slaBreached) < 0.03)
        #expect(hour.quarantined > 0)
    }

    @Test func sameSeedSameHour() throws {
        let one = try DemoHour.measure(seed: 4, start: start, minutes: 10)
        let two = try DemoHour.measure(seed: 4, start: start, minutes: 10)
        #expect(one == two && one.leads > 300)
    }

    /// Every country the stream sends has a route: only a lead that names no country is left to the fallback.
    @Test func routesCoverEveryCountryTheStreamSends() {
        let run = DemoRun.run(LiveDemo.demoRulebook, DemoRun.Settings(seed: 9, leads: 5_000, start: start))
        let unrouted = run.rows.filter { $0.decision.reason == .noRoute }
        #expect(!unrouted.isEmpty)
        #expect(unrouted.allSatisfy { $0.lead.country == nil }, "\(unrouted.compactMap(\.lead.country))")
        let routes = Set(run.rows.compactMap(\.decision.route))
        #expect(routes.isSuperset(of: ["named-account", "strategic-review", "emea-enterprise", "emea-commercial", "na-enterprise", "na-commercial", "rest-of-world"]))
    }

    @Test func reportPrintsTheShareAndEveryReason() throws {
        let hour = try DemoHour.measure(seed: 1, start: start, minutes: 20)
        let lines = DemoReport.hour(hour, leadsPerMinute: 40)
        #expect(lines[0] == "First simulated 20 minutes of the live demo (2026-11-24T15:10:00Z to 15:30, 40 leads a minute):")
        let percent = String(format: "%.1f%%", hour.unattendedShare * 100)
        #expect(lines.contains { $0.contains("assigned with no person") && $0.hasSuffix(percent) })
        for exception in hour.exceptions { #expect(lines.contains { $0.contains(exception.reason.code) }) }
    }
}

@Suite struct DemoRulebookTests {
    @Test func embeddedCopyMatchesTheFileByteForByte() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let file = try Data(contentsOf: root.appendingPathComponent(DemoRulebook.fileName))
        #expect(Data(DemoRulebook.yaml.utf8) == file, "run .ci/embed-example-rulebook after editing the demo rulebook")
    }

    @Test func loadsWithoutErrorsOrWarnings() {
        let load = RulebookLoader.load(yaml: DemoRulebook.yaml, file: DemoRulebook.fileName)
        #expect(load.errors.isEmpty, "\(load.errors)")
        #expect(load.rulebook?.owners.count == 16 && load.rulebook?.pools.count == 6)
    }
}
