import Yams

extension RulebookReader {
    static let poolKeys = ["method", "members", "fallback_pool", "catch_up"]
    static let poolExample = "{method: round_robin, members: [ana, ben]}"

    /// Pools in file order. Member and fallback references are checked against `owners` and the pools read.
    mutating func readPools(_ node: Node?, owners: [Owner]) -> [Pool] {
        guard let node, let entries = entries(node, "pools", example: "{na-smb: \(Self.poolExample)}") else { return [] }
        for entry in entries { spots.pools[entry.key] = entry.keyNode.spot }
        let ownerIds = owners.map(\.id)
        var pools: [Pool] = []
        var fallbackSpots: [String: Spot] = [:]
        for entry in entries {
            guard let (pool, fallbackSpot) = readPool(entry, ownerIds: ownerIds, poolNames: entries.map(\.key)) else { continue }
            pools.append(pool)
            fallbackSpots[pool.name] = fallbackSpot
        }
        checkFallbackLoops(pools, fallbackSpots)
        return pools
    }

    private mutating func readPool(_ entry: Entry, ownerIds: [String], poolNames: [String]) -> (Pool, Spot?)? {
        let name = entry.key
        let what = "pool '\(name)'"
        guard let f = fields(entry.value, what, allowed: Self.poolKeys, example: Self.poolExample),
              let methodNode = required(f, "method", what, example: Self.poolExample),
              let method = choice(methodNode, "method", in: what, DistributionMethod.allCases)
        else { return nil }
        var pool = Pool(name: name, method: method)
        if let n = f["members"], let items = list(n, "members of \(what)", example: "[ana, ben]") {
            var seen: [String: Int] = [:]
            for item in items {
                guard let id = text(item, "member of \(what)") else { continue }
                if let line = seen[id] {
                    log.error("owner '\(id)' is listed twice in \(what) (first on line \(line)); list each member once", at: item.spot)
                    continue
                }
                seen[id] = item.spot.line
                if ownerIds.contains(id) {
                    pool.members.append(id)
                } else {
                    log.error("unknown owner '\(id)' in \(what)" + Suggestion.hint(for: id, in: ownerIds, listAll: ownerIds.count <= 12) + hintIfNone(ownerIds), at: item.spot)
                }
            }
        }
        if method != .accountOwner, f["members"].map({ if case .sequence(let s) = $0 { s.isEmpty } else { false } }) ?? true {
            log.error("\(what) has no members; \(method.rawValue) needs at least one owner, e.g. members: [ana, ben]",
                      at: f.keySpot("members") ?? entry.keyNode.spot)
        }
        var fallbackSpot: Spot?
        if let n = f["fallback_pool"], let target = text(n, "fallback_pool of \(what)") {
            fallbackSpot = n.spot
            if !poolNames.contains(target) {
                log.error("unknown fallback_pool '\(target)' in \(what)" + Suggestion.hint(for: target, in: poolNames.filter { $0 != name }), at: n.spot)
            } else if target == name {
                log.error("\(what) cannot fall back to itself; name another pool", at: n.spot)
            } else {
                pool.fallbackPool = target
            }
            if method != .accountOwner {
                log.warning("fallback_pool only applies to account_owner pools; \(what) uses \(method.rawValue), so it is ignored", at: f.keySpot("fallback_pool") ?? n.spot)
            }
        }
        if let n = f["catch_up"], let policy = catchUp(n, what) {
            pool.catchUp = policy
            if method == .loadBalanced || method == .accountOwner, policy != .none {
                let instead = method == .loadBalanced ? "balances open load instead" : "follows accounts instead"
                log.warning("catch_up applies to round_robin and weighted pools; \(what) uses \(method.rawValue), which \(instead), so it is ignored",
                            at: f.keySpot("catch_up") ?? n.spot)
            }
        }
        return (pool, fallbackSpot)
    }

    /// `none`, `full` or `capped N` (N a whole number of leads).
    private mutating func catchUp(_ node: Node, _ what: String) -> CatchUp? {
        guard let s = text(node, "catch_up of \(what)") else { return nil }
        let words = s.lowercased().split(separator: " ")
        switch words.first {
        case "none" where words.count == 1: return CatchUp.none
        case "full" where words.count == 1: return .full
        case "capped" where words.count == 2:
            if let n = Int(words[1]), n > 0 { return .capped(n) }
            log.error("catch_up 'capped' of \(what) needs a whole number of leads above 0, e.g. capped 5; found '\(words[1])'", at: node.spot)
            return nil
        default:
            let hint = words.first.map { Suggestion.hint(for: String($0), in: ["none", "capped", "full"], listAll: false) } ?? ""
            log.error("catch_up of \(what) must be none, capped N or full (e.g. capped 5); found '\(s)'" + hint, at: node.spot)
            return nil
        }
    }

    private func hintIfNone(_ ownerIds: [String]) -> String {
        ownerIds.isEmpty ? "; define owners under 'owners:' first" : ""
    }

    /// account_owner pools falling back to each other in a circle would never place a lead.
    private mutating func checkFallbackLoops(_ pools: [Pool], _ fallbackSpots: [String: Spot]) {
        let byName = Dictionary(pools.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for pool in pools where pool.method == .accountOwner {
            var path = [pool.name]
            var next = pool.fallbackPool
            while let name = next, let target = byName[name], target.method == .accountOwner {
                if name == pool.name {
                    // Reported once, at the circle's first pool in the file.
                    let first = path.min { (fallbackSpots[$0] ?? .start) < (fallbackSpots[$1] ?? .start) }
                    guard first == pool.name else { break }
                    log.error("fallback pools go round in a circle: \((path + [name]).joined(separator: " -> ")); end the chain at a pool with members",
                              at: fallbackSpots[pool.name] ?? .start)
                    break
                }
                if path.contains(name) { break } // a circle that does not pass through this pool: reported from its own pools
                path.append(name)
                next = target.fallbackPool
            }
        }
    }
}
