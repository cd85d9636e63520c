import Foundation

/// What changed between two rulebooks, in the rulebook's own terms: routes, pools, owners and policies
/// added, removed or changed, one line each ("route enterprise-emea: pool emea-enterprise -> emea-all").
public enum RulebookDiff {
    public static func lines(from old: Rulebook, to new: Rulebook) -> [String] {
        var lines: [String] = []
        if old.name != new.name { lines.append("name: \(old.name) -> \(new.name)") }
        if old.zone.identifier != new.zone.identifier { lines.append("timezone: \(old.zone.identifier) -> \(new.zone.identifier)") }

        // Routes: the order decides which one matches, so a new order is a change of its own.
        let oldRoutes = Dictionary(old.routes.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let newRoutes = Dictionary(new.routes.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        for route in new.routes where oldRoutes[route.name] == nil {
            lines.append("route \(route.name): added (\(route.when.text) -> pool \(route.pool)\(route.mode == .review ? ", review" : ""))")
        }
        for route in old.routes where newRoutes[route.name] == nil { lines.append("route \(route.name): removed") }
        for route in new.routes {
            guard let before = oldRoutes[route.name] else { continue }
            var changes: [String] = []
            if before.when != route.when { changes.append("when \(before.when.text) -> \(route.when.text)") }
            if before.pool != route.pool { changes.append("pool \(before.pool) -> \(route.pool)") }
            if before.mode != route.mode { changes.append("mode \(before.mode) -> \(route.mode)") }
            if before.sla != route.sla { changes.append("sla \(text(before.sla)) -> \(text(route.sla))") }
            if !changes.isEmpty { lines.append("route \(route.name): " + changes.joined(separator: "; ")) }
        }
        let kept = old.routes.map(\.name).filter { newRoutes[$0] != nil }
        let keptNew = new.routes.map(\.name).filter { oldRoutes[$0] != nil }
        if kept != keptNew { lines.append("routes reordered: \(kept.joined(separator: ", ")) -> \(keptNew.joined(separator: ", "))") }

        let oldPools = Dictionary(old.pools.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let newPools = Dictionary(new.pools.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        for pool in new.pools {
            guard let before = oldPools[pool.name] else {
                lines.append("pool \(pool.name): added (\(pool.method.rawValue): \(pool.members.joined(separator: ", ")))")
                continue
            }
            var changes: [String] = []
            if before.method != pool.method { changes.append("method \(before.method.rawValue) -> \(pool.method.rawValue)") }
            if before.members != pool.members {
                let added = pool.members.filter { !before.members.contains($0) }
                let removed = before.members.filter { !pool.members.contains($0) }
                var words: [String] = []
                if !added.isEmpty { words.append("+" + added.joined(separator: " +")) }
                if !removed.isEmpty { words.append("-" + removed.joined(separator: " -")) }
                changes.append("members " + (words.isEmpty ? "reordered" : words.joined(separator: " ")))
            }
            if before.fallbackPool != pool.fallbackPool { changes.append("fallback_pool \(before.fallbackPool ?? "none") -> \(pool.fallbackPool ?? "none")") }
            if !changes.isEmpty { lines.append("pool \(pool.name): " + changes.joined(separator: "; ")) }
        }
        for pool in old.pools where newPools[pool.name] == nil { lines.append("pool \(pool.name): removed") }

        for owner in new.owners {
            guard let before = old.owner(owner.id) else { lines.append("owner \(owner.id): added (\(owner.name))"); continue }
            var changes: [String] = []
            if before.name != owner.name { changes.append("name \(before.name) -> \(owner.name)") }
            if before.zone.identifier != owner.zone.identifier { changes.append("timezone \(before.zone.identifier) -> \(owner.zone.identifier)") }
            if before.hours.text != owner.hours.text { changes.append("hours \(before.hours.text) -> \(owner.hours.text)") }
            if before.capacity != owner.capacity { changes.append("capacity \(before.capacity.map(String.init) ?? "none") -> \(owner.capacity.map(String.init) ?? "none")") }
            if before.weight != owner.weight { changes.append("weight \(before.weight) -> \(owner.weight)") }
            if before.active != owner.active { changes.append(owner.active ? "active again" : "inactive") }
            if before.outOfOffice != owner.outOfOffice { changes.append("out of office changed") }
            if !changes.isEmpty { lines.append("owner \(owner.id): " + changes.joined(separator: "; ")) }
        }
        for owner in old.owners where new.owner(owner.id) == nil { lines.append("owner \(owner.id): removed") }

        if old.sla != new.sla { lines.append("sla: \(text(old.sla)) -> \(text(new.sla))") }
        if old.fallback != new.fallback { lines.append("fallback: \(text(old.fallback)) -> \(text(new.fallback))") }
        if old.readiness != new.readiness { lines.append("readiness changed") }
        if old.duplicates != new.duplicates { lines.append("duplicates changed") }
        if old.accounts != new.accounts { lines.append("accounts changed") }
        return lines
    }

    static func text(_ sla: SLAPolicy?) -> String {
        guard let sla else { return "none" }
        var words = ["accept_within \(DurationText.text(sla.acceptWithin))", "on_breach \(sla.onBreach.rawValue)"]
        if let before = sla.remindBefore { words.append("remind_before \(DurationText.text(before))") }
        if sla.notify { words.append("notify") }
        return words.joined(separator: ", ")
    }

    static func text(_ fallback: Fallback?) -> String {
        switch fallback {
        case nil: "none"
        case .flag(let reason)?: "flag \(reason.code)"
        case .pool(let pool, let mode)?: "pool \(pool)\(mode == .review ? " (review)" : "")"
        }
    }
}
