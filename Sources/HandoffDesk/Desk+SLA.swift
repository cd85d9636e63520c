import Foundation
import HandoffCore
import HandoffStore
import HandoffText

/// What one SLA sweep did.
public struct SweepSummary: Sendable, Hashable {
    public var looked = 0
    public var reminded = 0
    /// Leads flagged `sla_breached`.
    public var breached = 0
    public var rerouted = 0
    /// Leads an operator (or another process) changed first; they are looked at again next sweep.
    public var skipped = 0
    /// Notices put in the outbox (policies with `notify: true`).
    public var notices = 0
    public var elapsed: Duration = .zero

    public init() {}

    public var acted: Int { reminded + breached + rerouted }
}

extension Desk {
    /// The SLA timer: reminds owners whose accept-by time is near (`remind_before`) and acts on those
    /// past it (`on_breach`: reroute to the next eligible owner of the pool who never had the lead, else
    /// flag `sla_breached`). Every action is an event by `sla`, based on the version looked at.
    ///
    /// Safe to run at any moment, as often as wanted, after a restart or a `--now` jump: a breach
    /// changes the lead's state or owner (so it is not breached twice) and a reminder is sent once per
    /// owner (the sweep looks for one since the lead's clock started).
    @discardableResult
    public func sweep(limit: Int = 100_000) throws -> SweepSummary {
        let started = ContinuousClock.now
        let rulebook = self.rulebook
        let now = clock()
        var summary = SweepSummary()
        // Working time only stretches a deadline, so nothing can be due before the shortest wall-clock
        // lead time: leads given to owners later than that are not read at all.
        let policies = ([rulebook.sla] + rulebook.routes.map(\.sla)).compactMap { $0 }
        guard let shortest = policies.map({ $0.acceptWithin - ($0.remindBefore ?? 0) }).min() else { return summary }
        let candidates = try store.assigned(before: now.addingTimeInterval(-Double(shortest)), limit: limit)
        var load: [String: Int]? = nil
        enum Kind { case remind, reroute, breach }
        var plan: [(command: LeadCommand, leadId: String, version: Int?)] = []
        var kinds: [Kind] = []
        var notices: [[Notice]] = []
        for lead in candidates {
            summary.looked += 1
            guard let policy = rulebook.sla(forRoute: lead.route),
                  let due = rulebook.acceptBy(owner: lead.owner, route: lead.route, since: lead.since) else { continue }
            let owner = lead.owner ?? "no one"
            let within = DurationText.text(policy.acceptWithin)
            if due <= now {
                if policy.onBreach == .reroute, let next = try rerouteTarget(lead, rulebook: rulebook, now: now, load: &load) {
                    plan.append((.reroute(to: next, note: "\(owner) did not accept within \(within)"), lead.id, lead.version))
                    kinds.append(.reroute)
                    notices.append(policy.notify ? SLANotices.reroute(lead, from: owner, to: next, within: within, rulebook: rulebook) : [])
                    load?[next, default: 0] += 1
                } else {
                    let why = policy.onBreach == .reroute ? "; no other owner of the pool can take it now" : ""
                    plan.append((.breach(note: "\(owner) did not accept within \(within)\(why)"), lead.id, lead.version))
                    kinds.append(.breach)
                    notices.append(policy.notify ? SLANotices.breach(lead, owner: owner, within: within, why: why, rulebook: rulebook) : [])
                }
            } else if let before = policy.remindBefore,
                      WorkingTime.workingSeconds(from: now, to: due, hours: hours(of: lead.owner, rulebook), zone: zone(of: lead.owner, rulebook),
                                                  off: lead.owner.flatMap(rulebook.owner)?.timeOff ?? []) <= before,
                      try !store.reminded(lead.id, since: lead.since) {
                plan.append((.remind(note: "accept by \(InstantText.format(due))"), lead.id, lead.version))
                kinds.append(.remind)
                notices.append(policy.notify ? SLANotices.reminder(lead, owner: owner, due: due, rulebook: rulebook) : [])
            }
        }
        // One transaction for the lot; a lead an operator changed meanwhile is refused and looked at again next time.
        for (i, (kind, result)) in zip(kinds, try performAll(plan, actor: Self.slaActor, notices: notices)).enumerated() {
            switch result {
            case .success:
                summary.notices += notices[i].count
                switch kind {
                case .remind: summary.reminded += 1
                case .reroute: summary.rerouted += 1
                case .breach: summary.breached += 1
                }
            case .failure:
                summary.skipped += 1
            }
        }
        summary.elapsed = ContinuousClock.now - started
        return summary
    }

    /// Who the log names for the SLA timer's actions.
    public static let slaActor = "sla"

    /// The pool member who should take a lead its owner let lapse: available now, below capacity, never
    /// given this lead before; the lightest load relative to capacity, ties to the earlier member.
    func rerouteTarget(_ lead: OpenLead, rulebook: Rulebook, now: Date, load: inout [String: Int]?) throws -> String? {
        guard let poolName = lead.pool, let pool = rulebook.pools.first(where: { $0.name == poolName }) else { return nil }
        let previous = Set(try store.owners(of: lead.id))
        if load == nil { load = try store.ledger().openLoad }
        var best: (id: String, share: Double)?
        for member in pool.members {
            guard !previous.contains(member), let owner = rulebook.owner(member), owner.availability(at: now) == .available else { continue }
            let open = load?[member] ?? 0
            if let capacity = owner.capacity, open >= capacity { continue }
            let share = owner.capacity.map { Double(open) / Double(max($0, 1)) } ?? Double(open)
            if best == nil || share < best!.share { best = (member, share) }
        }
        return best?.id
    }

    private func hours(of owner: String?, _ rulebook: Rulebook) -> WeeklyHours { owner.flatMap(rulebook.owner)?.hours ?? .always }
    private func zone(of owner: String?, _ rulebook: Rulebook) -> ZoneClock { owner.flatMap(rulebook.owner)?.zone ?? .utc }
}
