import Foundation

/// Replays leads through the rulebook in force and a draft side by side and reports the difference.
/// This is the plain, one-thread form (tests and small runs); the desk's `Simulator` runs the same two
/// replays on two threads over leads read from the store, and gives the same report.
public enum Simulation {
    /// - Parameters:
    ///   - earlier: leads received before the replay starts, remembered only for duplicate checks.
    ///   - leads: the leads to replay, oldest first.
    ///   - keep: how many changed leads to keep in full.
    ///   - coverageWeek: an instant in the week whose real zone offsets the coverage check uses.
    public static func run(
        current: Rulebook, draft: Rulebook, accounts: AccountDirectory,
        earlier: some Sequence<NormalizedLead> = [NormalizedLead](), leads: some Sequence<ReplayLead>,
        keep: Int, coverageWeek: Date
    ) -> SimulationReport {
        var before = Replay(rulebook: current, accounts: accounts)
        var after = Replay(rulebook: draft, accounts: accounts)
        for lead in earlier {
            before.remember(lead)
            after.remember(lead)
        }
        var tally = ChangeTally(keep: keep)
        for item in leads {
            let b = before.decide(item)
            let a = after.decide(item)
            tally.compare(item.lead, before: b, after: a)
        }
        return SimulationReport(before: before, after: after, tally: tally, coverageWeek: coverageWeek)
    }
}
