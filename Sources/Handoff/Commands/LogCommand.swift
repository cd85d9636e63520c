import ArgumentParser
import Foundation
import HandoffDesk
import HandoffStore

/// `handoff log [LEAD]`: the handoff log, newest last; `--follow` keeps printing as others write.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Print the event log (all leads, or one), and with --follow keep printing new events.",
        discussion: """
            Each event: time, lead, kind, actor (router, an operator, owner:ID), reason (the route, a reason \
            code, or an operator's words) and detail. --follow checks for new events five times a second, \
            from any process writing the database, until Ctrl-C. With --json, one JSON object per line.

            Exit codes: 0 success (Ctrl-C included), 2 the database could not be read, 4 no such lead, \
            64 the command line is wrong.
            """
    )

    @Argument(help: ArgumentHelp("Only this lead's events.", valueName: "lead"))
    var lead: String?

    @Flag(name: .long, help: "Keep printing new events until Ctrl-C.")
    var follow = false

    @Option(name: .long, help: ArgumentHelp("Start with at most this many of the newest events.", valueName: "n"))
    var limit = 50

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard (0...OptionLimits.rows).contains(limit) else { throw ValidationError("--limit must be from 0 to \(OptionLimits.rowsText).") }
    }

    func run() throws {
        let store = try database.openExisting()
        try StoreFailure.guarded {
            let id = try lead.map { try LeadLookup.record($0, in: store).lead.id }
            if follow { Interrupt.install() }
            var generation = try store.generation()
            let recent = try newest(store, lead: id)
            var last = try recent.last?.seq ?? latestSeq(store)
            show(recent, first: true, showLead: id == nil)
            while follow, !Interrupt.wasRequested {
                usleep(200_000)
                let now = try store.generation()
                guard now != generation, !Interrupt.wasRequested else { continue }
                generation = now
                let new = try store.events(lead: id, after: last, limit: .max)
                if let seq = new.last?.seq { last = seq }
                show(new, first: false, showLead: id == nil)
            }
        }
    }

    /// The newest `limit` events, oldest first. Sequence numbers only grow, so the newest N of the whole
    /// log lie after position count - N; reading from there spares reading the whole log.
    private func newest(_ store: some LeadStore, lead: String?) throws -> [LeadEvent] {
        let after: Int64 = lead == nil ? Int64(max(try store.counts().events - limit, 0)) : 0
        return Array(try store.events(lead: lead, after: after, limit: .max).suffix(limit))
    }

    /// Where following starts when nothing was printed: after the newest event already there (found
    /// from the count, as above).
    private func latestSeq(_ store: some LeadStore) throws -> Int64 {
        let count = try store.counts().events
        return try store.events(lead: nil, after: Int64(max(count - 1, 0)), limit: .max).last?.seq ?? 0
    }

    private func show(_ events: [LeadEvent], first: Bool, showLead: Bool) {
        defer { Console.flush() }
        if output.json {
            for event in events { print(EventJSON.line(event)) }
            return
        }
        if first, events.isEmpty, !follow {
            print("No events yet.")
            return
        }
        guard first || !events.isEmpty else { return }
        // Following prints the table in parts; fixed widths keep the parts in line.
        for line in EventText.table(events, showLead: showLead, style: output.style, header: first, fixed: follow) { print(line) }
    }
}
