import ArgumentParser
import HandoffCore
import HandoffStore

/// `--state`, `--owner` and `--search`: the filters every lead-selecting command shares.
struct BaseFilterOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Only leads in this state: \(LeadFilterText.states).", valueName: "state"))
    var state: String?

    @Option(name: .long, help: ArgumentHelp("Only leads owned by (or, when flagged, proposed for) this owner id.", valueName: "owner"))
    var owner: String?

    @Option(name: .long, help: ArgumentHelp("Only leads whose id, external id, email, company or last name contains this.", valueName: "text"))
    var search: String?
}

/// The filters with the reason code as `--reason` (also `--reason-code`), for commands that take no reason text.
struct LeadFilterOptions: ParsableArguments, LeadFiltering {
    @OptionGroup var base: BaseFilterOptions

    @Option(name: [.customLong("reason"), .customLong("reason-code")], help: ArgumentHelp(
        "Only flagged leads with this reason: \(LeadFilterText.reasons).", valueName: "code"
    ))
    var reasonCode: String?

    static let reasonOption = "--reason"

    func validate() throws { _ = try filter(limit: 0) }
}

/// The filters for `reassign` and `disqualify`, whose `--reason` is the operator's own words:
/// the reason code is `--reason-code` only.
struct CodedLeadFilterOptions: ParsableArguments, LeadFiltering {
    @OptionGroup var base: BaseFilterOptions

    @Option(name: .customLong("reason-code"), help: ArgumentHelp(
        "Only flagged leads with this reason: \(LeadFilterText.reasons).", valueName: "code"
    ))
    var reasonCode: String?

    static let reasonOption = "--reason-code"

    func validate() throws { _ = try filter(limit: 0) }
}

protocol LeadFiltering {
    var base: BaseFilterOptions { get }
    var reasonCode: String? { get }
    /// How the reason code option is spelt, for messages.
    static var reasonOption: String { get }
}

extension LeadFiltering {
    var isEmpty: Bool { base.state == nil && base.owner == nil && base.search == nil && reasonCode == nil }

    /// The store's filter; a state or reason that does not exist is a usage error listing those that do.
    func filter(limit: Int) throws -> LeadFilter {
        var filter = LeadFilter(owner: base.owner, search: base.search, limit: limit)
        if let text = base.state {
            guard let state = LeadState(rawValue: text) else {
                throw ValidationError("--state '\(text)' is not a lead state; use one of: \(LeadFilterText.states).")
            }
            filter.state = state
        }
        if let text = reasonCode {
            guard let reason = ExceptionReason(rawValue: text) else {
                throw ValidationError("\(Self.reasonOption) '\(text)' is not a reason code; use one of: \(LeadFilterText.reasons).")
            }
            filter.reason = reason
        }
        return filter
    }
}

enum LeadFilterText {
    static let states = LeadState.allCases.map(\.rawValue).joined(separator: ", ")
    static let reasons = ExceptionReason.allCases.map(\.code).joined(separator: ", ")
}
