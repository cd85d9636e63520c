import Yams

extension RulebookReader {
    static let topKeys = ["version", "name", "timezone", "owners", "pools", "readiness", "duplicates", "accounts", "routes", "fallback", "sla", "holidays", "people"]

    /// The whole rulebook, or nil when anything was wrong (every problem is in `log`). `version` is left empty.
    mutating func readRulebook(_ root: Node) -> Rulebook? {
        spots.root = root.spot
        guard let top = fields(root, "the rulebook", allowed: Self.topKeys, example: "version: 1") else { return nil }
        if let n = required(top, "version", "the rulebook", example: "'version: 1'") {
            if !(n.hasTag(.int) && n.int == 1) {
                log.error("unsupported version \(n.shapeText); this tool reads 'version: 1'", at: n.spot)
            }
        }
        let name = required(top, "name", "the rulebook", example: "'name: Acme inbound'").flatMap { text($0, "name") }
        let zone: ZoneClock = top["timezone"].flatMap { self.zone($0, "timezone") } ?? .utc
        let calendars = readHolidayCalendars(top["holidays"])
        let owners = readOwners(top["owners"], defaultZone: zone, calendars: calendars)
        let pools = readPools(top["pools"], owners: owners)
        let poolNames = spots.pools.keys.sorted { spots.pools[$0]! < spots.pools[$1]! }
        let readiness = readReadiness(top["readiness"])
        let duplicates = readDuplicates(top["duplicates"])
        let accounts = readAccounts(top["accounts"])
        let routes = readRoutes(top["routes"], poolNames: poolNames)
        let fallback = top["fallback"].flatMap { readFallback($0, poolNames: poolNames) }
        let sla = top["sla"].flatMap { readSLA($0, "sla") }
        let people = readPeople(top["people"])
        reportUnreachedDuplicates()
        guard !log.hasErrors, let name else { return nil }
        return Rulebook(
            version: "", name: name, zone: zone, owners: owners, pools: pools, readiness: readiness,
            duplicates: duplicates, accounts: accounts, routes: routes, fallback: fallback, sla: sla, people: people
        )
    }
}
