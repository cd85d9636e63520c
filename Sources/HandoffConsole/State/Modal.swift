import Foundation
import HandoffCore

/// One operator command on one lead, with the version the operator saw (so a stale one is refused).
public struct PlannedCommand: Sendable, Hashable {
    public var leadId: String
    public var version: Int
    public var command: LeadCommand
    /// The operator was told someone else claimed the lead and chose to act anyway.
    public var overridingClaim: Bool

    public init(leadId: String, version: Int, command: LeadCommand, overridingClaim: Bool = false) {
        self.leadId = leadId
        self.version = version
        self.command = command
        self.overridingClaim = overridingClaim
    }
}

/// Leads an action applies to: the marked ones, else the one under the cursor.
public struct Targets: Sendable, Hashable {
    /// (id, version) in the order shown.
    public var leads: [(id: String, version: Int)]

    public init(_ leads: [(id: String, version: Int)]) { self.leads = leads }

    public static func == (a: Targets, b: Targets) -> Bool { a.leads.map(\.id) == b.leads.map(\.id) && a.leads.map(\.version) == b.leads.map(\.version) }
    public func hash(into hasher: inout Hasher) { for lead in leads { hasher.combine(lead.id); hasher.combine(lead.version) } }

    public var count: Int { leads.count }

    /// "L-000012" or "12 leads (L-000012, L-000013, L-000020 and 9 more)".
    public var described: String {
        guard leads.count > 1 else { return leads.first?.id ?? "no lead" }
        let first = leads.prefix(3).map(\.id).joined(separator: ", ")
        return "\(leads.count) leads (\(first)\(leads.count > 3 ? " and \(leads.count - 3) more" : ""))"
    }

    public func plan(_ command: LeadCommand) -> [PlannedCommand] {
        leads.map { PlannedCommand(leadId: $0.id, version: $0.version, command: command) }
    }
}

/// What a text prompt is asking for.
public enum InputPurpose: Sendable, Hashable {
    case annotate(Targets)
    case disqualify(Targets)
    case reassignReason(Targets, owner: String)
    /// "2026-12-20..2027-01-04" for an owner.
    case outOfOffice(owner: String)
    /// Why an owner is paused (may be left empty).
    case pause(owner: String)
}

/// The owner picker for a reassignment: type to filter, each owner with load, availability and why
/// the router passed them over for this lead.
public struct OwnerPicker: Sendable, Hashable {
    public var targets: Targets
    public var filter: TextInput
    /// The owner under the picker's cursor.
    public var selected: String?
    /// Owner id -> why the router passed them over (from the lead's decision trace).
    public var passedOver: [String: String]

    public init(targets: Targets, passedOver: [String: String] = [:]) {
        self.targets = targets
        filter = TextInput()
        self.passedOver = passedOver
    }
}

/// A yes/no question before a bulk action; No is the default.
public struct Confirmation: Sendable, Hashable {
    public var title: String
    public var lines: [String]
    public var plan: [PlannedCommand]
    public var label: String
    public var yes: Bool = false
    /// Instead of a plan: a claim or unclaim to make over a colleague's claim.
    public var claimChange: ClaimChange?

    public init(title: String, lines: [String], plan: [PlannedCommand], label: String, claimChange: ClaimChange? = nil) {
        self.title = title
        self.lines = lines
        self.plan = plan
        self.label = label
        self.claimChange = claimChange
    }
}

/// Claiming (or unclaiming) an exception from the console.
public struct ClaimChange: Sendable, Hashable {
    public var leadId: String
    public var claiming: Bool
    /// The operator was told a colleague claimed it and chose to go ahead.
    public var overriding: Bool

    public init(leadId: String, claiming: Bool, overriding: Bool = false) {
        self.leadId = leadId
        self.claiming = claiming
        self.overriding = overriding
    }
}

/// An action the store refused because leads changed under the operator: what changed, by whom, when.
public struct Refusal: Sendable, Hashable {
    public var title: String
    public var lines: [String]

    public init(title: String, lines: [String]) {
        self.title = title
        self.lines = lines
    }
}

/// The `:` command line: text, position in history, and the completions offered for the last word.
public struct CommandPrompt: Sendable, Hashable {
    public var input = TextInput()
    /// Index into history while browsing with ↑/↓; nil when editing fresh text.
    public var historyIndex: Int?
    public var completions: [String] = []

    public init() {}
}

/// Whatever holds the keyboard above the views.
public enum Modal: Sendable, Hashable {
    case help(scroll: Int)
    case confirm(Confirmation)
    case picker(OwnerPicker)
    case input(InputPurpose, TextInput)
    case refused(Refusal)
    case filter(TextInput)
    case command(CommandPrompt)
}
