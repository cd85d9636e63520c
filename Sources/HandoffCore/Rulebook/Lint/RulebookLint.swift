import Foundation

/// Warnings about a valid rulebook that probably does not do what its author meant.
enum RulebookLint {
    static func check(_ rulebook: Rulebook, spots: RulebookSpots, weekStarting: Date, log: inout DiagnosticLog) {
        unreachableRoutes(rulebook, spots, &log)
        uncoveredPools(rulebook, spots, weekStarting, &log)
        if rulebook.fallback == nil {
            log.warning("no fallback: nothing says what happens to leads that match no route; add e.g. 'fallback: {flag: no_route}'", at: spots.root)
        }
        let pooled = Set(rulebook.pools.flatMap(\.members))
        for owner in rulebook.owners where !pooled.contains(owner.id) {
            log.warning("owner '\(owner.id)' is in no pool, so no route can reach them (except as an account owner); add them to a pool's members",
                        at: spots.owners[owner.id] ?? spots.root)
        }
    }

    /// A route is dead when an earlier route matches every lead it matches.
    private static func unreachableRoutes(_ rulebook: Rulebook, _ spots: RulebookSpots, _ log: inout DiagnosticLog) {
        let routes = rulebook.routes
        for (j, later) in routes.enumerated() {
            guard let i = routes[..<j].firstIndex(where: { ConditionImplication.implies(later.when, $0.when) }) else { continue }
            let earlier = routes[i]
            let line = spots.routes[i].line
            let message = earlier.when == .always
                ? "route '\(later.name)' can never match: route '\(earlier.name)' on line \(line) has no conditions and matches first"
                : "route '\(later.name)' can never match: route '\(earlier.name)' on line \(line) matches every lead it matches, and comes first; move it above '\(earlier.name)' or narrow '\(earlier.name)'"
            log.warning(message, at: spots.routes[j])
        }
    }

    private static func uncoveredPools(_ rulebook: Rulebook, _ spots: RulebookSpots, _ weekStarting: Date, _ log: inout DiagnosticLog) {
        for gap in PoolCoverage.gaps(in: rulebook, weekStarting: weekStarting) {
            let at = spots.pools[gap.pool] ?? spots.root
            if gap.noActiveMember {
                log.warning("pool '\(gap.pool)' has no active member; set 'active: true' on a member or add one", at: at)
            } else {
                log.warning("pool '\(gap.pool)' has no available member \(gap.hours)", at: at)
            }
        }
        for pool in rulebook.pools where pool.method != .accountOwner && !pool.members.isEmpty {
            let members = pool.members.compactMap { rulebook.owner($0) }.filter(\.active)
            let shared = PoolCoverage.sharedHolidays(of: members)
            guard !members.isEmpty, !shared.isEmpty else { continue }
            let listed = shared.prefix(5).joined(separator: ", ") + (shared.count > 5 ? " and \(shared.count - 5) more" : "")
            log.warning("pool '\(pool.name)' has nobody working on \(listed): every member is on holiday; give a member another calendar or add a member",
                        at: spots.pools[pool.name] ?? spots.root)
        }
    }
}
