import Foundation

extension Rulebook {
    /// The SLA for leads of `route`: the route's own, else the rulebook's.
    public func sla(forRoute route: String?) -> SLAPolicy? {
        if let route, let own = routes.first(where: { $0.name == route })?.sla { return own }
        return sla
    }

    /// When a lead given to `owner` at `since` must be accepted: `accept_within` counted in the owner's
    /// working hours on their own clock, stopped while they are out of office or on holiday (wall time for an owner the rulebook does not know).
    public func acceptBy(owner: String?, route: String?, since: Date) -> Date? {
        guard let policy = sla(forRoute: route) else { return nil }
        guard let owner = owner.flatMap(self.owner) else { return since.addingTimeInterval(Double(policy.acceptWithin)) }
        return WorkingTime.deadline(after: since, working: policy.acceptWithin, hours: owner.hours, zone: owner.zone, off: owner.timeOff)
    }
}
