import Yams

extension RulebookReader {
    mutating func readReadiness(_ node: Node?) -> ReadinessPolicy {
        var policy = ReadinessPolicy()
        let example = "{require: [email, company], free_email_domains: flag}"
        guard let node, let f = fields(node, "readiness", allowed: ["require", "free_email_domains", "extra_free_email_domains"], example: example)
        else { return policy }
        if let n = f["require"], let items = list(n, "readiness require", example: "[email, company]") {
            policy.require = items.compactMap { leadField($0, "readiness require", inputOnly: true) }
        }
        if let n = f["free_email_domains"], let v = choice(n, "free_email_domains policy", [FreeEmailPolicy.flag, .allow]) {
            policy.freeEmailDomains = v
        }
        if let n = f["extra_free_email_domains"], let items = list(n, "extra_free_email_domains", example: "[mailbox.org, posteo.de]") {
            for item in items {
                guard let domain = text(item, "extra free email domain") else { continue }
                let d = domain.lowercased()
                if d.contains("."), !d.contains("@"), !d.contains(" ") {
                    policy.extraFreeEmailDomains.insert(d)
                } else {
                    log.error("'\(domain)' is not a domain; write e.g. mailbox.org", at: item.spot)
                }
            }
        }
        return policy
    }

    mutating func readDuplicates(_ node: Node?) -> DuplicatePolicy {
        var policy = DuplicatePolicy()
        let example = "{match_on: [email], window: 30d, action: flag}"
        guard let node, let f = fields(node, "duplicates", allowed: ["match_on", "window", "action"], example: example) else { return policy }
        if let n = f["match_on"], let items = list(n, "duplicates match_on", example: "[email] or [email_domain, last_name]") {
            let fields = items.compactMap { leadField($0, "duplicates match_on", inputOnly: true) }
            if items.isEmpty {
                log.error("duplicates match_on needs at least one field, e.g. [email]", at: n.spot)
            } else if fields.count == items.count {
                policy.matchOn = fields
            }
        }
        if let n = f["window"], let seconds = duration(n, "duplicates window") { policy.window = seconds }
        if let n = f["action"], let action = choice(n, "duplicates action", [DuplicateAction.flag, .ignore]) { policy.action = action }
        return policy
    }

    mutating func readAccounts(_ node: Node?) -> AccountMatching {
        var matching = AccountMatching()
        guard let node, let f = fields(node, "accounts", allowed: ["match_on"], example: "{match_on: domain}") else { return matching }
        if let n = f["match_on"],
           let key = choice(n, "accounts match_on", [AccountMatchKey.domain, .emailDomain, .websiteDomain, .none]) {
            matching.matchOn = key
        }
        return matching
    }

    static let slaExample = "{accept_within: 30m, on_breach: reroute}"

    mutating func readSLA(_ node: Node, _ what: String) -> SLAPolicy? {
        guard let f = fields(node, what, allowed: ["accept_within", "on_breach", "remind_before", "notify"], example: Self.slaExample),
              let withinNode = required(f, "accept_within", what, example: Self.slaExample)
        else { return nil }
        let within = duration(withinNode, "accept_within")
        var sla = SLAPolicy(acceptWithin: within ?? 0)
        if let n = f["on_breach"], let action = choice(n, "on_breach action", [BreachAction.reroute, .flag]) { sla.onBreach = action }
        if let n = f["remind_before"], let before = duration(n, "remind_before") {
            if let within, before >= within {
                log.error("remind_before (\(DurationText.text(before))) must be shorter than accept_within (\(DurationText.text(within)))", at: n.spot)
            } else {
                sla.remindBefore = before
            }
        }
        if let n = f["notify"], let notify = bool(n, "notify") { sla.notify = notify }
        return within == nil ? nil : sla
    }

    static let fallbackExample = "{flag: no_route} or {pool: emea-enterprise}"

    mutating func readFallback(_ node: Node, poolNames: [String]) -> Fallback? {
        guard let f = fields(node, "fallback", allowed: ["flag", "pool", "mode"], example: Self.fallbackExample) else { return nil }
        switch (f["flag"], f["pool"]) {
        case (let flagNode?, nil):
            if let n = f["mode"] { log.error("'mode' only goes with a fallback pool; remove it", at: f.keySpot("mode") ?? n.spot) }
            let reason = choice(flagNode, "exception reason", ExceptionReason.allCases)
            return reason.map(Fallback.flag)
        case (nil, let poolNode?):
            let pool = poolReference(poolNode, "fallback", poolNames: poolNames)
            var mode = RouteMode.auto
            if let n = f["mode"], let m = choice(n, "mode", in: "fallback", [RouteMode.auto, .review]) { mode = m }
            return pool.map { Fallback.pool($0, mode) }
        case (_?, _?):
            log.error("fallback takes either 'flag' or 'pool', not both", at: node.spot)
        case (nil, nil):
            log.error("fallback needs 'flag' or 'pool', e.g. \(Self.fallbackExample)", at: node.spot)
        }
        return nil
    }

    /// A pool name that must exist.
    mutating func poolReference(_ node: Node, _ what: String, poolNames: [String]) -> String? {
        guard let name = text(node, "pool of \(what)") else { return nil }
        if poolNames.contains(name) { return name }
        log.error("unknown pool '\(name)' in \(what)" + Suggestion.hint(for: name, in: poolNames), at: node.spot)
        return nil
    }
}
