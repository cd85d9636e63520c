import Foundation
import HandoffCore
import HandoffStore

/// Running counts for one set of leads (all of the window's, or one rulebook version's), filled in one
/// pass over the facts. Counts by route and pool are arrays by name index, so a lead costs no hashing.
struct ReviewTally {
    struct SLA {
        var assigned = 0, breached = 0, flagged = 0, rerouted = 0
    }

    var leads = 0, decided = 0, exceptions = 0
    var toOwner: [Double] = [], toAccept: [Double] = []
    var byReason = Array(repeating: 0, count: ExceptionReason.allCases.count)
    /// By name index + 1 (slot 0: no route, no pool).
    var routeDecided: [Int], routeExceptions: [Int]
    var sla: [SLA]
    var arrivals: ArrivalBuckets

    init(facts: ReviewFacts) {
        routeDecided = Array(repeating: 0, count: facts.names.count + 1)
        routeExceptions = routeDecided
        sla = Array(repeating: SLA(), count: facts.names.count + 1)
        arrivals = ArrivalBuckets(start: facts.start, end: facts.end)
    }

    /// Slot 0: every lead; slot v + 1: the leads rulebook version (name index) v decided.
    static func count(_ facts: ReviewFacts) -> [ReviewTally] {
        var tallies = Array(repeating: ReviewTally(facts: facts), count: facts.names.count + 1)
        let reasonSlot = Dictionary(uniqueKeysWithValues: ExceptionReason.allCases.enumerated().map { ($1, $0) })
        facts.leads.withUnsafeBufferPointer { leads in
            for lead in leads {
                let reason = lead.exception.map { reasonSlot[$0]! }
                tallies[0].add(lead, reason: reason)
                if lead.rulebook >= 0 { tallies[Int(lead.rulebook) + 1].add(lead, reason: reason) }
            }
        }
        return tallies
    }

    mutating func add(_ lead: ReviewFacts.LeadFacts, reason: Int?) {
        leads += 1
        if !lead.receivedAt.isNaN { arrivals.add(lead.receivedAt) }
        if !lead.firstOwnerAt.isNaN, !lead.receivedAt.isNaN { toOwner.append(max(lead.firstOwnerAt - lead.receivedAt, 0)) }
        if !lead.acceptedAt.isNaN, !lead.lastHandoffAt.isNaN { toAccept.append(max(lead.acceptedAt - lead.lastHandoffAt, 0)) }
        guard lead.rulebook >= 0 || reason != nil || !lead.firstOwnerAt.isNaN else { return }
        decided += 1
        let route = Int(lead.route) + 1
        routeDecided[route] += 1
        if let reason {
            exceptions += 1
            byReason[reason] += 1
            routeExceptions[route] += 1
        }
        if !lead.firstOwnerAt.isNaN {
            let pool = Int(lead.pool) + 1
            sla[pool].assigned += 1
            if lead.breached || lead.rerouted { sla[pool].breached += 1 }
            if lead.breached { sla[pool].flagged += 1 }
            if lead.rerouted { sla[pool].rerouted += 1 }
        }
    }
}

/// Arrivals counted into at most 48 buckets of a round size that covers the window.
struct ArrivalBuckets {
    static let sizes = [60, 300, 900, 1_800, 3_600, 10_800, 21_600, 43_200, 86_400, 604_800]
    let start: Double
    /// Included: a lead that arrived at the very end counts in the last bucket, as in every other figure.
    let end: Double
    let size: Int
    var counts: [Int]

    init(start: Date, end: Date) {
        let span = max(end.timeIntervalSince(start), 1)
        self.end = end.timeIntervalSince1970
        // Beyond 48 weeks, whole weeks enough to keep to 48 buckets.
        size = Self.sizes.first { span / Double($0) <= 48 } ?? Int((span / 48 / 604_800).rounded(.up)) * 604_800
        self.start = start.timeIntervalSince1970
        counts = Array(repeating: 0, count: Int((span / Double(size)).rounded(.up)))
    }

    mutating func add(_ at: Double) {
        guard at >= start, at <= end else { return }
        counts[min(Int((at - start) / Double(size)), counts.count - 1)] += 1
    }

    var arrivals: Arrivals { Arrivals(bucketSeconds: size, counts: counts) }
}
