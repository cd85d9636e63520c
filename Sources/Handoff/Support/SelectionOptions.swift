import ArgumentParser
import HandoffStore

/// How an operator command picks its leads: ids on the command line, or `--filter` with the same filters
/// as `handoff leads`; `--version` guards a single lead against changes made since the operator looked.
struct SelectionOptions: ParsableArguments {
    @Flag(name: .long, help: "Act on every lead the filters (--state, --owner, --reason, --search) match instead of listed ids.")
    var filter = false

    @Option(name: .long, help: ArgumentHelp("With --filter: act on at most this many leads, the newest that match.", valueName: "n"))
    var limit: Int?

    @Option(name: .long, help: ArgumentHelp(
        "Refuse unless the lead is still at this version (as `show` printed it); one lead only.", valueName: "n"
    ))
    var version: Int?

    /// One lead to act on, with the version the command is based on (nil: as it is now).
    struct Target {
        var id: String
        var version: Int?
    }

    func validate(ids: [String], filters: some LeadFiltering) throws {
        if filter {
            guard ids.isEmpty else { throw ValidationError("Give lead ids or --filter, not both.") }
            guard !filters.isEmpty else {
                throw ValidationError("--filter needs at least one of --state, --owner, --reason (--reason-code), --search.")
            }
            guard version == nil else { throw ValidationError("--version applies to one lead named by its id, not to --filter.") }
            if let limit, !(1...OptionLimits.rows).contains(limit) { throw ValidationError("--limit must be from 1 to \(OptionLimits.rowsText).") }
        } else {
            guard !ids.isEmpty else {
                throw ValidationError("Name at least one lead (e.g. L-0000007), or select leads with --filter and --state, --owner, --reason or --search.")
            }
            guard filters.isEmpty else { throw ValidationError("--state, --owner, --reason and --search select leads only with --filter.") }
            guard limit == nil else { throw ValidationError("--limit applies only with --filter.") }
            if version != nil, ids.count != 1 { throw ValidationError("--version applies to one lead; name just one.") }
        }
    }

    /// The leads named, or those the filters match now (oldest first); a filtered lead carries the version
    /// it matched at, so one that changes in the meantime is refused rather than acted on blindly.
    func targets(ids: [String], filters: some LeadFiltering, store: some LeadStore) throws -> [Target] {
        guard filter else { return ids.map { Target(id: LeadReference.id($0), version: version) } }
        let records = try store.leads(try filters.filter(limit: limit ?? .max))
        return records.reversed().map { Target(id: $0.lead.id, version: $0.version) }
    }
}
