import Foundation
import HandoffCore

/// A generated organisation for demos and benchmarks: owners in regional pools, a rulebook of routes
/// by region, company size and industry, and known accounts. Same seed, same workspace.
public struct SyntheticWorkspace: Sendable {
    public var rulebook: Rulebook
    public var accounts: [Account]

    struct Region {
        var name: String
        var countries: [String]
        var zones: [String]
    }

    static let regions = [
        Region(name: "na", countries: ["US", "CA"], zones: ["America/New_York", "America/Chicago", "America/Los_Angeles"]),
        Region(name: "dach", countries: ["DE", "AT", "CH"], zones: ["Europe/Berlin", "Europe/Vienna", "Europe/Zurich"]),
        Region(name: "emea-west", countries: ["GB", "FR", "NL", "ES", "IT"], zones: ["Europe/London", "Europe/Paris", "Europe/Madrid"]),
        Region(name: "nordics", countries: ["SE", "PL"], zones: ["Europe/Stockholm", "Europe/Warsaw"]),
        Region(name: "apac", countries: ["AU", "SG", "JP", "IN"], zones: ["Asia/Singapore", "Australia/Sydney", "Europe/London"]),
        Region(name: "latam", countries: ["BR", "MX"], zones: ["America/Sao_Paulo", "America/Mexico_City"]),
    ]

    static let bands: [(name: String, test: FieldTest)] = [
        ("smb", .compare(.lessThan, 50)),
        ("growth", .between(50, 199)),
        ("mid", .between(200, 999)),
        ("enterprise", .compare(.greaterOrEqual, 1000)),
    ]

    /// - Parameters: counts of owners, pools (one is the account-owner pool) and routes (at least 2).
    public static func generate(seed: UInt64, owners ownerCount: Int = 500, pools poolCount: Int = 20, routes routeCount: Int = 50, accounts accountCount: Int = 100_000) -> SyntheticWorkspace {
        var rng = SeededRandom(seed: seed)
        let regular = max(poolCount - 1, 1)

        // Pools: regular pools cycle through regions and methods; the last one follows account owners.
        let methods: [DistributionMethod] = [.loadBalanced, .roundRobin, .weighted]
        var pools: [Pool] = (0..<regular).map { p in
            Pool(name: "\(regions[p % regions.count].name)-\(p / regions.count + 1)", method: methods[p % methods.count])
        }

        // Owners: spread over the regular pools, on their region's clocks.
        var owners: [Owner] = []
        for i in 0..<ownerCount {
            let p = i % regular
            let region = regions[p % regions.count]
            let zone = ZoneClock(identifier: rng.pick(region.zones))!
            let first = rng.pick(Vocabulary.firstNames), last = rng.pick(Vocabulary.lastNames)
            let hours = rng.chance(0.1) ? "Mon-Fri 07:00-19:00" : "Mon-Fri 08:00-18:00"
            var owner = Owner(
                id: "o\(i)", name: "\(first) \(last)", email: "o\(i)@handoff.example", zone: zone,
                hours: try! WeeklyHours(parsing: hours), capacity: Int.random(in: 30...80, using: &rng),
                weight: Int.random(in: 1...3, using: &rng), active: !rng.chance(0.02)
            )
            if rng.chance(0.04) {
                owner.outOfOffice = [Absence(from: LocalTime(year: 2026, month: 11, day: 16), through: LocalTime(year: 2026, month: 12, day: 4), zone: zone)]
            }
            owners.append(owner)
            pools[p].members.append(owner.id)
        }
        pools.append(Pool(name: "named-accounts", method: .accountOwner, fallbackPool: pools[0].name))

        // Routes: named accounts, strategic review, then region x size, industry-specific ones first.
        var routes = [
            Route(name: "named-account", when: .field(.matchedAccount, .equals(.flag(true))), pool: "named-accounts"),
            Route(name: "strategic-review", when: .field(.annualRevenue, .compare(.greaterOrEqual, 1e9)), pool: pools[0].name, mode: .review),
        ]
        var general: [Route] = []
        var specific: [Route] = []
        var k = 0
        for region in regions {
            for band in bands {
                let place = Condition.field(.country, .oneOf(region.countries.map { Scalar.text($0) }))
                let size = Condition.field(.employees, band.test)
                let pool = pools[k % regular].name
                general.append(Route(name: "\(region.name)-\(band.name)", when: .all([place, size]), pool: pool))
                specific.append(Route(
                    name: "\(region.name)-\(band.name)-fin-software",
                    when: .all([place, size, .field(.industry, .oneOf([.text("Software"), .text("Financial Services")]))]),
                    pool: pools[(k + 1) % regular].name
                ))
                k += 1
            }
        }
        routes += (specific + general).prefix(max(routeCount - routes.count, 0))

        // Accounts: distinct company domains, most with an owner.
        var accounts: [Account] = []
        accounts.reserveCapacity(accountCount)
        for i in 0..<accountCount {
            let stem = rng.pick(Vocabulary.companyStems)
            let tld = rng.pick(Vocabulary.countries).tld
            let slug = stem.lowercased().replacingOccurrences(of: " ", with: "")
            accounts.append(Account(domain: "\(slug)\(i).\(tld)", name: "\(stem) \(i)", owner: rng.chance(0.8) ? "o\(Int.random(in: 0..<ownerCount, using: &rng))" : nil))
        }

        let rulebook = Rulebook(
            version: "synthetic-\(seed)", name: "Synthetic \(ownerCount) owners", zone: ZoneClock(identifier: "Europe/Berlin")!,
            owners: owners, pools: pools,
            readiness: ReadinessPolicy(require: [.email, .company], freeEmailDomains: .flag),
            duplicates: DuplicatePolicy(matchOn: [.email], window: 30 * 86_400, action: .flag),
            routes: routes, fallback: .flag(.noRoute), sla: SLAPolicy(acceptWithin: 1_800, onBreach: .reroute)
        )
        return SyntheticWorkspace(rulebook: rulebook, accounts: accounts)
    }
}
