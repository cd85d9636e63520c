import ArgumentParser
import Foundation
import HandoffCore
import HandoffDesk
import HandoffIntake
import HandoffStore
import HandoffText

/// `handoff import FILE`: takes leads in from a CRM export (CSV) or JSON Lines, all or nothing.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Take leads in from a CSV or JSON Lines file (- reads standard input).",
        discussion: """
            Column headers of HubSpot and Salesforce exports and Handoff's own field names are recognised \
            without a mapping file; --mapping FILE maps anything else, and unknown columns are kept as \
            attributes. A bad record never stops the import: it is quarantined with its file, line, \
            column and reason (see `handoff quarantine`). Re-importing a file adds nothing twice: leads \
            are matched by their CRM id, else by their content. The whole import is one transaction.

            Then: `handoff route` routes the queue. Or --route routes each lead as it is stored, in the \
            same transaction, with the rulebook from --rules: the same decisions `handoff route` would \
            make, in one pass over the file (reading and routing run side by side).

            Exit codes: 0 success, 1 the mapping file or (with --route) the rulebook has errors, 2 the \
            file, the rulebook or the database could not be read (nothing was imported), 64 the command \
            line is wrong.
            """
    )

    @Argument(help: ArgumentHelp("The file to import, or - for standard input.", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("csv or jsonl. Default: from the file name, else csv.", valueName: "format"))
    var format: String?

    @Option(help: ArgumentHelp("A YAML file mapping column headers to lead fields.", valueName: "file"))
    var mapping: String?

    @Flag(help: "Route each lead as it is stored, in the same transaction (nothing is left queued).")
    var route = false

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var rules: RulesOptions
    @OptionGroup var clock: ClockOptions
    @OptionGroup var actor: OperatorOptions

    @Flag(help: "Print the summary as JSON.")
    var json = false

    func run() throws {
        let now = try clock.fixed() ?? Date()
        let inputFormat = try resolvedFormat()
        let columnMapping = try loadMapping()
        let (location, shown) = try database.location()
        let store = try DatabaseOptions.open(location, shown: shown)
        // Importing is an operator's (granted in the database, else the rulebook's people:), checked before
        // the input is read. Without a rulebook file (a plain import), grants alone say.
        let people = (route ? try rules.load(lintWeek: now).rulebook : rules.quietly(at: now))?.people
        do {
            let roles = Roles(people: people, granted: try StoreFailure.guarded { try store.roleGrants().roles })
            try Permission.require(.operator, of: actor.resolved(), in: roles, to: "import leads")
        } catch let refusal as DeskError {
            Console.error("handoff: \(refusal).")
            throw ExitCode.refused
        }

        var counted: CountingSource<FileByteSource>
        var total: Int?
        do {
            if file == "-" {
                counted = CountingSource(FileByteSource(descriptor: 0, name: "stdin"))
            } else {
                counted = CountingSource(try FileByteSource(path: file))
                total = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? nil
            }
        } catch {
            Console.error("handoff: cannot read \(file): \(error.message)")
            throw ExitCode.unreadable
        }

        var reader: LeadImport<CountingSource<FileByteSource>>
        do {
            reader = try LeadImport(counted, format: inputFormat, mapping: columnMapping, options: LeadParseOptions(receivedAt: now))
        } catch {
            Console.error("handoff: \(error)")
            throw ExitCode.unreadable
        }
        var progress = Progress(label: "importing \(file == "-" ? "stdin" : file):", totalBytes: total, terminal: Console.standardErrorIsTerminal)
        var firstProblems: [QuarantinedInput] = []
        /// Reads the whole file into `target`; the store or the routing desk.
        func readAll(into target: inout some ImportTarget) throws {
            var rows = 0
            while let result = try reader.next() {
                rows += 1
                switch result {
                case .accepted(let imported):
                    try target.add(IncomingLead(lead: imported.lead, idempotencyKey: imported.key.value))
                case .quarantined(let bad):
                    if firstProblems.count < 5 { firstProblems.append(bad) }
                    try target.quarantine(QuarantinedRecord(
                        file: bad.file, line: bad.line, column: bad.column, field: bad.field, reason: bad.message, raw: bad.rawText))
                }
                progress.update(rows: rows, bytes: reader.bytesRead)
            }
            // Writing the last batches and committing can take seconds on a large file.
            progress.note("\(Progress.grouped(rows)) rows read; committing")
        }

        var routing: (desk: Desk, rulebook: Rulebook)?
        if route {
            let loaded = try rules.load(lintWeek: now)
            let desk = try StoreFailure.guarded { try Desk(store: store, rulebook: loaded.rulebook, clock: { now }) }
            try StoreFailure.guarded {
                // Kept so any decision can be traced to the exact rulebook text that made it.
                try store.record(rulebook: loaded.rulebook, source: loaded.text, author: actor.resolved(), at: now)
            }
            routing = (desk, desk.rulebook)
        }
        let stored: InsertSummary
        var routed: DrainSummary?
        do {
            if let routing {
                let started = ContinuousClock.now
                let result = try routing.desk.importRouting(actor: "import") { feed in try readAll(into: &feed) }
                stored = result.stored
                routed = DrainSummary(result.routed, elapsed: ContinuousClock.now - started)
            } else {
                stored = try store.importing(at: now, actor: "import") { sink in
                    var target = StoreTarget(sink: sink)
                    try readAll(into: &target)
                    sink = target.sink
                }
            }
        } catch let error as IntakeError {
            progress.finish()
            Console.error("handoff: \(error); nothing was imported")
            throw ExitCode.unreadable
        } catch {
            progress.finish()
            Console.error("handoff: database error: \(error); nothing was imported")
            throw ExitCode.unreadable
        }
        progress.finish()
        // The SLA timer runs after routing, as `handoff route` runs it.
        let sweep = routing.flatMap { try? $0.desk.sweep() }
        let summary = reader.summary
        if json {
            var report = ImportReport(summary: summary, stored: stored, problems: firstProblems, seconds: progress.elapsed)
            if let routed, let routing { report.routed = RouteJSON(routed, rulebook: routing.rulebook) }
            print(JSONOutput.document(report))
            return
        }
        print(ImportReport.text(summary: summary, stored: stored, problems: firstProblems, seconds: progress.elapsed, routed: routed != nil))
        if let routed, let routing {
            for line in RouteReport.lines(routed, rulebook: routing.rulebook, style: Console.style) { print(line) }
        }
        if let sweep, sweep.acted > 0 { print(RouteCommand.sweepLine(sweep)) }
        // A plain import before this one may have left leads queued; --route takes only its own.
        if routed != nil, let queued = try? store.leads(LeadFilter(state: .received, limit: 1)), !queued.isEmpty {
            print("Leads imported earlier without --route are still queued: `handoff route` routes them.")
        }
    }

    private func resolvedFormat() throws -> InputFormat {
        if let format {
            switch format.lowercased() {
            case "csv": return .csv
            case "jsonl", "json-lines", "ndjson": return .jsonLines
            default: throw ValidationError("--format takes csv or jsonl, not '\(format)'.")
            }
        }
        return InputFormat(fileName: file) ?? .csv
    }

    private func loadMapping() throws -> ColumnMapping? {
        guard let mapping else { return nil }
        guard let text = try? String(contentsOfFile: mapping, encoding: .utf8) else {
            Console.error("handoff: cannot read mapping file \(mapping)")
            throw ExitCode.unreadable
        }
        let load = ColumnMapping.load(yaml: text, file: mapping)
        for diagnostic in load.diagnostics { Console.error(diagnostic.description) }
        guard let loaded = load.mapping else { throw ExitCode(1) }
        return loaded
    }
}

extension LeadImport where Source == CountingSource<FileByteSource> {
    /// Bytes read so far, for progress.
    var bytesRead: Int { source?.bytesRead ?? 0 }
}

/// Where `handoff import` puts what it reads: straight into the store, or to the desk that routes as it stores.
protocol ImportTarget {
    mutating func add(_ lead: IncomingLead) throws
    mutating func quarantine(_ record: QuarantinedRecord) throws
}

extension ImportFeed: ImportTarget {}

/// The store's sink, as an import target.
struct StoreTarget: ImportTarget {
    var sink: any LeadSink
    mutating func add(_ lead: IncomingLead) throws { try sink.add(lead) }
    mutating func quarantine(_ record: QuarantinedRecord) throws { try sink.quarantine(record) }
}
