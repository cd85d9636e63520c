/// Everything a key can ask the console to do.
public enum ConsoleCommand: String, Sendable, Hashable, CaseIterable {
    case quit, help, nextTab, previousTab, incoming, exceptions, owners, activity, insights, simulation, shadow, deliveries
    case up, down, pageUp, pageDown, top, bottom, detail, close
    case approve, reassign, annotate, disqualify, retry, accept, outOfOffice, pauseOwner
    case mark, markAll, undo, filter, commandLine, sort, reverseSort, follow, pauseLive, detailDown, detailUp
    case copyId, copyTrace, retryDelivery, claim

    /// Changes leads or owners, so it is disabled on a read-only console.
    public var mutating: Bool {
        switch self {
        case .approve, .reassign, .annotate, .disqualify, .retry, .accept, .outOfOffice, .pauseOwner, .undo, .retryDelivery, .claim: true
        default: false
        }
    }

    /// The command as a sentence names it ("out of office is disabled"), not its name in the code.
    public var words: String {
        switch self {
        case .outOfOffice: "out of office"
        case .pauseOwner: "pause"
        case .accept: "mark accepted"
        case .retry: "retry routing"
        case .retryDelivery: "retry delivery"
        case .annotate: "note"
        case .claim: "claim"
        default: rawValue
        }
    }
}

/// A key (or keys) bound to a command, with the words the hint bar and `?` help show.
public struct KeyBinding: Sendable, Hashable {
    public var keys: [Key]
    public var command: ConsoleCommand
    /// One or two words for the hint bar; nil keeps the binding out of it.
    public var hint: String?
    public var help: String
    /// Views it works in; nil for all.
    public var tabs: Set<Tab>?

    public init(_ keys: [Key], _ command: ConsoleCommand, hint: String? = nil, help: String, tabs: Set<Tab>? = nil) {
        self.keys = keys
        self.command = command
        self.hint = hint
        self.help = help
        self.tabs = tabs
    }

    public var keyNames: String { keys.map(\.name).joined(separator: "/") }
}

/// The one key map: key handling, the hint bar and `?` help are all generated from it (through
/// `KeyBindings`, which applies the operator's own bindings), so they never disagree.
public enum KeyMap {
    static let leads: Set<Tab> = [.incoming, .exceptions]
    /// Views with a detail pane.
    static let detail: Set<Tab> = [.incoming, .exceptions, .simulation]

    public static let bindings: [KeyBinding] = [
        KeyBinding([.character("a")], .approve, hint: "approve", help: "Approve: assign a flagged lead to its proposed owner", tabs: leads),
        KeyBinding([.character("r")], .reassign, hint: "reassign", help: "Reassign: pick an owner (type to filter), then give a reason", tabs: leads),
        KeyBinding([.character("n")], .annotate, hint: "note", help: "Annotate: attach a note to the lead", tabs: leads),
        KeyBinding([.character("x")], .disqualify, hint: "disqualify", help: "Disqualify the lead, with a reason", tabs: leads),
        KeyBinding([.character("R")], .retry, hint: "retry", help: "Retry routing: send the lead back to the router", tabs: leads),
        KeyBinding([.character("A")], .accept, hint: "accepted", help: "Mark the owner's acceptance of an assigned lead", tabs: leads),
        KeyBinding([.character("c")], .claim, hint: "claim", help: "Claim the exception, so others are asked first (again: unclaim)", tabs: [.exceptions]),
        KeyBinding([.character("t")], .retryDelivery, hint: "try again", help: "Put a dead-lettered delivery back in line", tabs: [.deliveries]),
        KeyBinding([.character("o")], .outOfOffice, hint: "out of office", help: "Set the owner out of office (from..until)", tabs: [.owners]),
        KeyBinding([.character("p")], .pauseOwner, hint: "pause/resume", help: "Pause the owner (with a reason) or resume a paused one", tabs: [.owners]),
        KeyBinding([.character(" ")], .mark, hint: "mark", help: "Mark or unmark the lead for a bulk action", tabs: leads),
        KeyBinding([.character("*")], .markAll, help: "Mark the leads loaded around the cursor, all that match when they fit (again: clear marks)", tabs: leads),
        KeyBinding([.character("u")], .undo, hint: "undo", help: "Undo your last action (recorded in the log as a compensating event)"),
        KeyBinding([.enter], .detail, hint: "detail", help: "Open the detail pane: fields, trace, history, notes; a simulated lead's decisions before and after", tabs: detail),
        KeyBinding([.escape], .close, help: "Close the detail pane or dialog; clear marks"),
        KeyBinding([.character("]")], .detailDown, help: "Scroll the detail pane down (↓ and PgDn do too while it covers the table)", tabs: detail),
        KeyBinding([.character("[")], .detailUp, help: "Scroll the detail pane up", tabs: detail),
        KeyBinding([.character("y")], .copyId, help: "Copy the lead's id to the clipboard (through the terminal: OSC 52)", tabs: leads),
        KeyBinding([.character("Y")], .copyTrace, help: "Copy the lead's decision trace to the clipboard", tabs: leads),
        KeyBinding([.character("/")], .filter, hint: "filter", help: "Filter: owner:ana reason:duplicate country:DE state:flagged route:NAME text"),
        KeyBinding([.character(":")], .commandLine, hint: "command", help: "Command line (:reassign ben, :theme light, :ooo chloe FROM..UNTIL, :pause, :q)"),
        KeyBinding([.character("1")], .incoming, help: "Incoming: the live queue and recent decisions"),
        KeyBinding([.character("2")], .exceptions, help: "Exceptions: flagged leads, most urgent first"),
        KeyBinding([.character("3")], .owners, help: "Owners: load, availability, today's assignments"),
        KeyBinding([.character("4")], .activity, help: "Activity: the handoff log as it grows"),
        KeyBinding([.character("5")], .insights, help: "Insights: the last day's review, as handoff report prints it"),
        KeyBinding([.character("6")], .simulation, help: "Simulation: what a draft rulebook would change (:simulate DRAFT)"),
        KeyBinding([.character("7")], .shadow, help: "Shadow: where a draft shadowing the live stream differs (:shadow DRAFT)"),
        KeyBinding([.character("8")], .deliveries, help: "Deliveries: webhooks and CRM write-backs, dead-lettered ones to retry"),
        KeyBinding([.tab], .nextTab, help: "Next view"),
        KeyBinding([.backTab], .previousTab, help: "Previous view"),
        KeyBinding([.character("k"), .up], .up, help: "Up one row"),
        KeyBinding([.character("j"), .down], .down, help: "Down one row"),
        KeyBinding([.pageUp, .control("b")], .pageUp, help: "Up one page"),
        KeyBinding([.pageDown, .control("f")], .pageDown, help: "Down one page"),
        KeyBinding([.character("g"), .home], .top, help: "First row"),
        KeyBinding([.character("G"), .end], .bottom, help: "Last row"),
        KeyBinding([.character("s")], .sort, hint: "sort", help: "Sort by the next column (again: the one after)"),
        KeyBinding([.character("S")], .reverseSort, help: "Reverse the sort"),
        KeyBinding([.character("F")], .follow, hint: "follow", help: "Follow the newest row as it arrives"),
        KeyBinding([.character("Z")], .pauseLive, hint: "pause", help: "Pause live updates (a badge counts what is pending); again to resume"),
        KeyBinding([.character("?")], .help, hint: "help", help: "This help"),
        KeyBinding([.character("q"), .control("c")], .quit, hint: "quit", help: "Quit"),
    ]

    /// The standard map's command for `key` in `tab`; the console reads `ConsoleSettings.keys`, which
    /// applies the operator's own bindings.
    public static func command(for key: Key, in tab: Tab) -> ConsoleCommand? { KeyBindings.standard.command(for: key, in: tab) }

    /// The standard map's bindings on the hint bar for `tab`, in map order.
    public static func hints(for tab: Tab) -> [KeyBinding] { KeyBindings.standard.hints(for: tab) }

    /// The standard map's `?` help.
    public static func helpLines() -> [(keys: String, text: String)] { KeyBindings.standard.helpLines() }
}
