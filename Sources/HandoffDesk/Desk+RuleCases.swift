import Foundation
import HandoffCore
import HandoffStore

extension Desk {
    /// The newest `count` stored decisions made at or after `since`, oldest first, each with what the
    /// store knew around it (the earlier lead it duplicated, operators' pauses and absences in force),
    /// ready to be written as rulebook tests. Reads only.
    public static func recordCases(_ store: any LeadStore, count: Int, since: Date, rulebook: Rulebook) throws -> [RuleCaseRecorder.Recorded] {
        guard count > 0 else { return [] }
        // Queued leads have no decision yet, so read a little more than asked and keep the decided ones.
        let records = try store.leads(LeadFilter(limit: min(count * 2 + 100, 1_000_000)))
        let decided = records.compactMap { r in r.decision.flatMap { $0.decidedAt >= since ? (r.lead, $0) : nil } }.prefix(count)
        guard !decided.isEmpty else { return [] }
        let history = try store.pauseHistory(owner: nil)
        var out: [RuleCaseRecorder.Recorded] = []
        for (lead, decision) in decided.reversed() {
            let at = decision.decidedAt
            let earlier = try DecisionReplay.duplicateOf(decision).flatMap { try store.lead($0)?.lead }
            let paused = pauses(asOf: at, history).mapValues { PauseGiven(reason: $0.reason, by: $0.by) }
            var away: [String: AwayDays] = [:]
            for absence in try store.absences(asOf: at) {
                guard let o = rulebook.ownerIndex[absence.owner], let from = CalendarDay(absence.from), let until = CalendarDay(absence.until) else { continue }
                let local = rulebook.owners[o].zone.local(at)
                let day = CalendarDay(local.dateText)
                if let day, from <= day, day <= until { away[absence.owner] = AwayDays(from: from.start, until: until.start) }
            }
            out.append(RuleCaseRecorder.Recorded(lead: lead, decision: decision, earlier: earlier, paused: paused, away: away))
        }
        return out
    }
}
