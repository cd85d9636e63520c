import Foundation

/// The routing core: lead + context -> decision. Pure and deterministic: the same lead, rulebook,
/// pool state, accounts, recent leads and time always give the same decision.
///
/// Steps: normalize, readiness, account match, duplicates, first matching route (or the fallback),
/// then an owner from the route's pool. A lead that fails a check still gets a proposed owner when one
/// can be found, so an operator can approve it in one keypress.
public enum Router {
    public static func decide(_ lead: Lead, in context: RoutingContext) -> Decision {
        decide(normalized: Normalizer.normalize(lead), in: context)
    }

    public static func decide(normalized lead: NormalizedLead, in context: RoutingContext) -> Decision {
        var steps: [TraceStep] = []
        steps.reserveCapacity(6)
        var exceptions: [ExceptionNote] = []
        if !lead.problems.isEmpty { steps.append(.unreadable(lead.problems)) }

        // Readiness.
        let domain = lead.emailDomain
        let freeEmail = domain.map { context.freeDomains.contains($0) } ?? false
        let noFacts = LeadFacts(account: nil, freeEmail: freeEmail)
        var missing: [String] = []
        for field in context.rulebook.readiness.require {
            if case .missing = lead.value(of: field, facts: noFacts) { missing.append(field.name) }
        }
        if !missing.isEmpty {
            note(.missingField, DecisionPhrases.missingPrefix + missing.joined(separator: ", "), &exceptions, &steps)
        }
        if let email = lead.email, !EmailCheck.isValid(email) {
            note(.invalidEmail, DecisionPhrases.invalidEmailQuotes.0 + email + DecisionPhrases.invalidEmailQuotes.1, &exceptions, &steps)
        } else if freeEmail, context.rulebook.readiness.freeEmailDomains == .flag, let domain {
            note(.freeEmail, domain + DecisionPhrases.freeMailSuffix, &exceptions, &steps)
        }

        // Account match.
        let account = matchAccount(lead, freeEmail: freeEmail, context: context)
        if let account { steps.append(.account(domain: account.domain, name: account.name, owner: account.owner)) }
        let facts = LeadFacts(account: account, freeEmail: freeEmail)

        // Duplicates.
        let policy = context.rulebook.duplicates
        let duplicateKey = DuplicateIndex.key(of: lead, on: policy.matchOn, facts: facts)
        let fingerprint = duplicateKey.map(DuplicateIndex.fingerprint)
        var duplicateOf: String?
        // A duplicate is always of an earlier lead: a lead routed again (a retry) finds later leads with
        // its key in the index, and is not theirs.
        if let duplicateKey, let fingerprint, let prior = context.recent.entry(forFingerprint: fingerprint),
           DuplicateIndex.isEarlier(prior, than: lead.id, receivedAt: lead.receivedAt),
           lead.receivedAt.timeIntervalSince(prior.receivedAt) <= Double(policy.window) {
            let ignored = policy.action == .ignore
            let shownKey = policy.matchOn.count > 1 ? duplicateKey.replacingOccurrences(of: "\u{1F}", with: " + ") : duplicateKey
            steps.append(.duplicate(of: prior.leadId, key: shownKey, ignored: ignored))
            if !ignored {
                duplicateOf = prior.leadId
                exceptions.append(ExceptionNote(.duplicateSuspect, context.rulebook.phrases.duplicatePrefix + prior.leadId))
            }
        }

        // Route.
        var routeName: String?
        var routePosition = -1
        var poolIndex = -1
        var mode = RouteMode.auto
        if let r = context.rulebook.routeIndex.firstMatch(lead, facts, routes: context.rulebook.routes) {
            // Fields read one by one: a copy of the route would retain each of its parts.
            let name = context.rulebook.routes[r].name
            routeName = name
            routePosition = r
            poolIndex = context.rulebook.routePool[r]
            mode = context.rulebook.routes[r].mode
            steps.append(.route(name: name, because: context.rulebook.routeReasons[r].facts(lead, facts), mode: mode))
        } else {
            steps.append(.noRoute(tried: context.rulebook.routes.count))
            if !context.rulebook.routes.isEmpty {
                steps.append(.misses(context.rulebook.routes.indices.map {
                    RouteMiss(route: context.rulebook.routes[$0].name, why: context.rulebook.routeReasons[$0].failure(lead, facts) ?? DecisionPhrases.heldMiss)
                }))
            }
            switch context.rulebook.fallback {
            case .pool(let name, let fallbackMode)?:
                poolIndex = context.rulebook.poolIndex[name] ?? -1
                mode = fallbackMode
                steps.append(.fallbackPool(name))
            case .flag(let reason)?:
                exceptions.append(ExceptionNote(reason, context.rulebook.phrases.noRouteTried))
            case nil:
                exceptions.append(ExceptionNote(.noRoute, DecisionPhrases.noFallback))
            }
        }

        // Owner.
        var placement: Placement?
        var poolName: String?
        var inputs = DecisionInputs()
        if poolIndex >= 0 {
            let outcome = context.choose(pool: poolIndex, facts: facts, steps: &steps, inputs: &inputs)
            placement = outcome.placement
            poolName = context.rulebook.pools[outcome.finalPool].name
            if placement == nil {
                let reason: ExceptionReason = outcome.capacityOnly ? .overCapacity : .noAvailableOwner
                let phrases = context.rulebook.phrases
                let detail = outcome.capacityOnly ? phrases.allFull[outcome.finalPool] : phrases.noOwner[outcome.finalPool]
                exceptions.append(ExceptionNote(reason, detail))
            } else if mode == .review {
                exceptions.append(ExceptionNote(.reviewRequired, routePosition >= 0 ? context.rulebook.phrases.review[routePosition] : DecisionPhrases.fallbackReview))
            }
        }

        // Built in one step: setting fields on a local decision afterwards copied it.
        return Decision(
            leadId: lead.id, rulebookVersion: context.rulebook.version, decidedAt: context.now,
            owner: placement.map { context.rulebook.roster.id[$0.owner] }, route: routeName, pool: poolName,
            exceptions: exceptions, duplicateOf: duplicateOf, account: account?.domain, trace: Trace(steps: steps),
            inputs: poolIndex >= 0 ? inputs : nil, placement: placement, duplicateFingerprint: fingerprint
        )
    }

    private static func note(_ reason: ExceptionReason, _ detail: String, _ exceptions: inout [ExceptionNote], _ steps: inout [TraceStep]) {
        exceptions.append(ExceptionNote(reason, detail))
        steps.append(.notReady(reason, detail: detail))
    }

    /// Email domain first (a free-mail domain says nothing about the company), then website domain.
    private static func matchAccount(_ lead: NormalizedLead, freeEmail: Bool, context: RoutingContext) -> Account? {
        guard context.accounts.count > 0 else { return nil }
        switch context.rulebook.accounts.matchOn {
        case .none:
            return nil
        case .emailDomain:
            return freeEmail ? nil : lead.emailDomain.flatMap(context.accounts.account(forDomain:))
        case .websiteDomain:
            return lead.websiteDomain.flatMap(context.accounts.account(forDomain:))
        case .domain:
            if !freeEmail, let d = lead.emailDomain {
                if let a = context.accounts.account(forDomain: d) { return a }
                // Most websites are the email's domain: a second probe of 100k accounts would find nothing.
                if lead.websiteDomain == d { return nil }
            }
            return lead.websiteDomain.flatMap(context.accounts.account(forDomain:))
        }
    }
}
