import ArgumentParser
import Foundation
import HandoffCore
import HandoffDesk
import HandoffStore
import HandoffText

/// `handoff route`: drains the queue through the desk and prints what happened.
struct RouteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route",
        abstract: "Route every queued lead by the rulebook.",
        discussion: """
            Records the rulebook's text under its version, then routes the queue in batches: a lead is \
            assigned, or flagged with a reason (and a proposed owner when one could be found). On the \
            embedded store up to 50,000 leads are one transaction, each batch decided while the one before \
            is stored; on PostgreSQL each batch is one transaction. Interrupted, it keeps what it committed, \
            and running it again routes the rest. Several `handoff route` processes on one database never \
            route a lead twice.

            Then the SLA timer looks at every assigned lead as of --now: an owner whose accept-by time (counted \
            in their working hours) is near gets a reminder, once; a lead past it is rerouted to the next \
            eligible owner of its pool who never had it (`on_breach: reroute`) or flagged `sla_breached`. \
            Each is an event by `sla`; running route again never repeats one.

            Exit codes: 0 success (also when nothing was queued), 1 the rulebook has errors, 2 the rulebook \
            or the database could not be read, 64 the command line is wrong.
            """
    )

    @Option(name: .long, help: ArgumentHelp("Leads decided at a time (on PostgreSQL, per transaction).", valueName: "n"))
    var batch = 1_000

    @Option(name: .long, help: ArgumentHelp("Route at most this many leads. Default: all queued.", valueName: "n"))
    var limit: Int?

    @OptionGroup var desk: DeskOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard (1...OptionLimits.batch).contains(batch) else {
            throw ValidationError("--batch must be from 1 to \(NumberText.grouped(Double(OptionLimits.batch))).")
        }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1.") }
    }

    func run() throws {
        let opened = try desk.open()
        try StoreFailure.guarded {
            let rulebook = opened.rules.rulebook
            let queued = try opened.store.queuedCount()
            // The SLA timer runs on every route, as of --now: reminders, then reroutes or breaches.
            defer { if let sweep = try? opened.desk.sweep(), sweep.acted > 0, !output.json { print(Self.sweepLine(sweep)) } }
            guard queued > 0 else {
                if output.json { print(JSONOutput.document(RouteJSON(DrainSummary(), rulebook: rulebook))) }
                else { print("Nothing to route: no leads are queued. `handoff import FILE` adds leads.") }
                return
            }
            // Kept so any decision can be traced to the exact rulebook text that made it.
            try opened.store.record(rulebook: rulebook, source: opened.rules.text, author: opened.operatorName, at: opened.desk.clock())
            let summary = try opened.desk.drain(batchSize: batch, limit: limit ?? .max)
            if output.json {
                print(JSONOutput.document(RouteJSON(summary, rulebook: rulebook)))
            } else {
                for line in RouteReport.lines(summary, rulebook: rulebook, style: output.style) { print(line) }
            }
        }
    }

    /// "SLA: 2 reminded, 1 rerouted, 1 flagged sla_breached (of 40 assigned leads looked at)".
    static func sweepLine(_ sweep: SweepSummary) -> String {
        var parts: [String] = []
        if sweep.reminded > 0 { parts.append("\(sweep.reminded) reminded") }
        if sweep.rerouted > 0 { parts.append("\(sweep.rerouted) rerouted") }
        if sweep.breached > 0 { parts.append("\(sweep.breached) flagged sla_breached") }
        if sweep.notices > 0 { parts.append("\(sweep.notices) \(sweep.notices == 1 ? "notice" : "notices") in the outbox") }
        return "SLA: " + parts.joined(separator: ", ") + " (of \(sweep.looked) assigned \(sweep.looked == 1 ? "lead" : "leads") looked at)"
    }
}
