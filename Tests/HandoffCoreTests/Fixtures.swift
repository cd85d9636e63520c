import Foundation
@testable import HandoffCore

/// The rulebook of examples/rulebook.yaml, built in code so router tests do not depend on the loader.
enum Fixtures {
    static let berlin = ZoneClock(identifier: "Europe/Berlin")!
    static let saoPaulo = ZoneClock(identifier: "America/Sao_Paulo")!
    static let newYork = ZoneClock(identifier: "America/New_York")!

    static func hours(_ text: String) -> WeeklyHours { try! WeeklyHours(parsing: text) }

    /// An instant given as UTC wall-clock time.
    static func utc(_ y: Int, _ m: Int, _ d: Int, _ h: Int = 0, _ min: Int = 0) -> Date {
        ZoneClock.utc.instant(of: LocalTime(year: y, month: m, day: d, hour: h, minute: min))
    }

    static var acme: Rulebook {
        let owners = [
            Owner(id: "ana", name: "Ana Souza", zone: saoPaulo, hours: hours("Mon-Fri 09:00-18:00"), capacity: 40, weight: 2),
            Owner(id: "ben", name: "Ben Okafor", zone: berlin, hours: hours("Mon-Fri 08:00-17:00"), capacity: 30),
            Owner(id: "chloe", name: "Chloe Martin", zone: berlin, hours: hours("Mon-Fri 09:00-17:30"), capacity: 30,
                  outOfOffice: [Absence(from: LocalTime(year: 2026, month: 12, day: 20), through: LocalTime(year: 2027, month: 1, day: 4), zone: berlin)]),
            Owner(id: "dan", name: "Dan Kim", zone: newYork, hours: hours("Mon-Fri 09:00-17:00"), capacity: 60),
            Owner(id: "eve", name: "Eve Larsen", zone: newYork, hours: hours("Mon-Fri 09:00-17:00"), capacity: 60),
        ]
        let pools = [
            Pool(name: "emea-enterprise", method: .loadBalanced, members: ["ana", "ben", "chloe"]),
            Pool(name: "na-smb", method: .roundRobin, members: ["dan", "eve"]),
            Pool(name: "named-accounts", method: .accountOwner, fallbackPool: "emea-enterprise"),
        ]
        let routes = [
            Route(name: "named-account", when: .field(.matchedAccount, .equals(.flag(true))), pool: "named-accounts"),
            Route(name: "enterprise-emea", when: .all([
                .field(.country, .oneOf(["DE", "FR", "GB", "NL", "ES", "IT"].map { Scalar.text($0) })),
                .field(.employees, .compare(.greaterOrEqual, 1000)),
            ]), pool: "emea-enterprise"),
            Route(name: "strategic-review", when: .field(.annualRevenue, .compare(.greaterOrEqual, 1_000_000_000)),
                  pool: "emea-enterprise", mode: .review),
            Route(name: "na-smb", when: .all([
                .field(.country, .oneOf([.text("US"), .text("CA")])),
                .field(.employees, .compare(.lessThan, 200)),
            ]), pool: "na-smb"),
        ]
        return Rulebook(
            version: "test", name: "Acme inbound", zone: berlin, owners: owners, pools: pools,
            readiness: ReadinessPolicy(require: [.email, .company], freeEmailDomains: .flag),
            duplicates: DuplicatePolicy(matchOn: [.email], window: 30 * 86_400, action: .flag),
            routes: routes, fallback: .flag(.noRoute), sla: SLAPolicy(acceptWithin: 1_800, onBreach: .reroute)
        )
    }

    /// A Monday inside chloe's absence: 09:10 in Berlin, 05:10 in São Paulo, 03:10 in New York.
    static let monday = utc(2026, 12, 21, 8, 10)
    /// A Tuesday when everyone in Europe and the Americas works: 15:00 Berlin, 11:00 São Paulo, 09:00 New York.
    static let tuesdayAfternoon = utc(2026, 11, 24, 14, 30)

    static func lead(
        _ id: String, email: String? = "jo@globex.de", company: String? = "Globex", country: String? = "DE",
        employees: String? = "4200", revenue: String? = nil, at: Date = utc(2026, 12, 21, 8, 0),
        attributes: [String: String] = [:]
    ) -> Lead {
        Lead(id: id, receivedAt: at, email: email, firstName: "Jo", lastName: "Weber", company: company,
             country: country, employees: employees, annualRevenue: revenue, attributes: attributes)
    }
}
