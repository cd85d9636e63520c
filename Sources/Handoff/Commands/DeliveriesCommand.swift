import ArgumentParser
import Foundation
import HandoffStore
import HandoffText

/// `handoff deliveries`: the delivery log of webhooks and CRM write-backs, and putting dead-lettered
/// ones back in line.
struct DeliveriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliveries",
        abstract: "Show the delivery log of webhooks and CRM write-backs, and put dead-lettered ones back in line.",
        discussion: """
            `handoff serve` delivers assignments, reassignments, reroutes, flags and acceptances to the \
            webhooks and CRMs of its handback configuration (docs/SERVE.md#handback). Each delivery is \
            listed newest first: lead, event, target, status (pending, delivered, dead, skipped), attempts, \
            when the next attempt is due and the last error. --failed lists only the dead-lettered ones. \
            With an ID, that delivery and every attempt at it (time, answer, error, how long it took).

            --retry ID (or --retry-all) puts dead-lettered deliveries back in line, with a fresh round of \
            attempts: a running serve sends them within a second; without one, they go out when serve \
            next starts.

            Exit codes: 0 success, 2 the database could not be read, 4 no such delivery, 64 the command \
            line is wrong (or --retry names a delivery that is not dead-lettered).
            """
    )

    @Argument(help: ArgumentHelp("Show this delivery and every attempt at it.", valueName: "id"))
    var id: Int64?

    @Flag(help: "Only dead-lettered deliveries.")
    var failed = false

    @Option(help: ArgumentHelp("Put this dead-lettered delivery back in line (repeatable).", valueName: "id"))
    var retry: [Int64] = []

    @Flag(name: .customLong("retry-all"), help: "Put every dead-lettered delivery back in line.")
    var retryAll = false

    @Option(help: ArgumentHelp("List at most this many.", valueName: "n"))
    var limit = 50

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var clock: ClockOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if retryAll && !retry.isEmpty { throw ValidationError("--retry ID and --retry-all: give one of them.") }
        if (retryAll || !retry.isEmpty) && id != nil { throw ValidationError("an ID to show and --retry: give one of them.") }
        guard (1...OptionLimits.rows).contains(limit) else { throw ValidationError("--limit must be from 1 to \(OptionLimits.rowsText).") }
    }

    func run() throws {
        let writing = retryAll || !retry.isEmpty
        let store = try database.openExisting(writing: writing)
        let now = try clock.clock()
        try StoreFailure.guarded {
            if writing {
                try putBack(store, at: now())
            } else if let id {
                try show(id, store)
            } else {
                try list(store)
            }
        }
    }

    private func putBack(_ store: any LeadStore, at: Date) throws {
        let asked: [Int64]? = retryAll ? nil : retry
        let put = try store.retryDeliveries(asked, at: at)
        let refused = (asked ?? []).filter { !put.contains($0) }
        if output.json {
            print(JSONOutput.document(RetriedJSON(retried: put, refused: refused)))
        } else {
            if put.isEmpty {
                print(retryAll ? "Nothing to retry: no delivery is dead-lettered." : "Nothing put back in line.")
            } else {
                print("Put \(counted(put.count, "delivery", "deliveries")) back in line (\(put.map(String.init).joined(separator: ", "))).")
                print("A running `handoff serve` sends them within a second; if none runs, they go out when it next starts.")
            }
        }
        for id in refused {
            let why = try store.delivery(id).map { "delivery \(id) is \($0.status.rawValue), not dead-lettered; only those go back in line" }
                ?? "no delivery \(id); `handoff deliveries --failed` lists the dead-lettered ones"
            Console.error("handoff: \(why)")
        }
        if !refused.isEmpty { throw ExitCode(64) }
    }

    private func show(_ id: Int64, _ store: any LeadStore) throws {
        guard let delivery = try store.delivery(id) else {
            Console.error("handoff: no delivery \(id); `handoff deliveries` lists them")
            throw ExitCode(4)
        }
        let attempts = try store.deliveryAttempts(id)
        if output.json {
            print(JSONOutput.document(DeliveryJSON(delivery, attempts: attempts)))
            return
        }
        for line in DeliveryTable.lines([delivery], style: output.style) { print(line) }
        print("")
        print("Body: \(TerminalText.safe(delivery.body))")
        if let path = delivery.path { print("Path: \(TerminalText.safe(path))") }
        print("")
        if attempts.isEmpty {
            print(delivery.status == .skipped ? "Skipped, never sent." : "No attempt yet.")
            return
        }
        let table = TextTable([.init("#", .right), .init("AT"), .init("ANSWER"), .init("TOOK", .right), .init("ERROR", maxWidth: 100)])
        for line in table.render(attempts.map { a in
            [.init(String(a.attempt)), .init(InstantText.format(a.at)), .init(a.code.map(String.init) ?? "none"),
             .init(String(format: "%.3f s", a.seconds)), .init(a.error ?? "")]
        }, style: output.style) { print(line) }
    }

    private func list(_ store: any LeadStore) throws {
        let deliveries = try store.deliveries(failedOnly: failed, limit: limit)
        if output.json {
            print(JSONOutput.document(DeliveryListJSON(deliveries: deliveries.map { DeliveryJSON($0, attempts: nil) })))
        } else if deliveries.isEmpty {
            print(failed ? "No dead-lettered delivery." : "No deliveries yet: `handoff serve` with a handback.yaml makes them (docs/SERVE.md#handback).")
        } else {
            for line in DeliveryTable.lines(deliveries, style: output.style) { print(line) }
            let counts = try store.deliveryCounts()
            let parts = DeliveryStatus.allCases.compactMap { status in counts[status].map { "\($0) \(status.rawValue)" } }
            print("In all: \(parts.joined(separator: ", "))" + ((counts[.dead] ?? 0) > 0 ? "; `handoff deliveries --retry-all` puts the dead ones back in line." : "."))
        }
    }
}

enum DeliveryTable {
    static func lines(_ deliveries: [StoredDelivery], style: TextStyle) -> [String] {
        let table = TextTable([
            .init("ID", .right), .init("CREATED"), .init("LEAD"), .init("EVENT"), .init("TARGET"), .init("STATUS"),
            .init("TRIES", .right), .init("NEXT"), .init("LAST ERROR", maxWidth: 70),
        ])
        return table.render(deliveries.map { d in
            let colour: TextStyle.Colour = switch d.status {
            case .delivered: .green
            case .pending: .yellow
            case .dead: .red
            case .skipped: .dim
            }
            return [
                .init(String(d.id)), .init(InstantText.format(d.createdAt)), .init(d.leadId), .init(d.event), .init(d.target),
                .init(d.status.rawValue, colour), .init(String(d.attempts)),
                .init(d.status == .pending ? d.nextAt.map(InstantText.format) ?? "" : ""), .init(d.lastError ?? ""),
            ]
        }, style: style)
    }
}

/// One delivery for scripts.
struct DeliveryJSON: Encodable {
    struct Attempt: Encodable {
        var attempt: Int
        var at: Date
        var code: Int?
        var error: String?
        var seconds: Double
    }

    var id: Int64
    var lead: String
    var event: String
    var eventSeq: Int64
    var target: String
    var owner: String?
    var status: String
    var attempts: Int
    var createdAt: Date
    var nextAt: Date?
    var updatedAt: Date
    var lastCode: Int?
    var lastError: String?
    var body: String?
    var path: String?
    var log: [Attempt]?

    init(_ d: StoredDelivery, attempts: [DeliveryAttemptRecord]?) {
        id = d.id
        lead = d.leadId
        event = d.event
        eventSeq = d.eventSeq
        target = d.target
        owner = d.owner
        status = d.status.rawValue
        self.attempts = d.attempts
        createdAt = d.createdAt
        nextAt = d.status == .pending ? d.nextAt : nil
        updatedAt = d.updatedAt
        lastCode = d.lastCode
        lastError = d.lastError
        if let attempts {
            body = d.body
            path = d.path
            log = attempts.map { Attempt(attempt: $0.attempt, at: $0.at, code: $0.code, error: $0.error, seconds: $0.seconds) }
        }
    }
}

struct DeliveryListJSON: Encodable {
    var deliveries: [DeliveryJSON]
}

struct RetriedJSON: Encodable {
    var retried: [Int64]
    var refused: [Int64]
}
