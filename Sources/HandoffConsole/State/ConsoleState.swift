import Foundation
import HandoffCore
import HandoffDesk
import HandoffStore

/// Who is at the console and what they may do.
/// How the routing core is doing, as the header shows it.
public enum CoreHealth: Sendable, Hashable {
    case starting
    case running
    /// Paused by an operator (`:pause`); leads queue up until `:resume`.
    case paused
    /// Running but the queue is growing faster than it drains.
    case behind(queue: Int)
    /// Stopped by an error it cannot get past; the message says what.
    case failed(String)
    /// Another routing core holds the workspace's lease (who, as it wrote it); this console's takes over when it ends.
    case standingBy(holder: String?)

    /// Queued leads from which a running core counts as behind (a few seconds of a busy inbox).
    public static let behindAt = 1_000
}

/// Fixed for a console's life: who, where, and what was asked for on the command line.
public struct ConsoleSettings: Sendable, Hashable {
    public var operatorName: String
    /// The role the console acts with: the rulebook's for this person, or less when asked (`--role viewer`).
    public var role: Role
    /// `--read-only`; a viewer is always read-only.
    public var readOnly: Bool
    /// The database, as the header names the workspace.
    public var workspace: String
    public var mouse: Bool
    public var themeName: String
    /// From this width up, the detail pane stays open beside the table.
    public var wideLayoutColumns: Int
    /// How long an action can be undone.
    public var undoWindow: TimeInterval
    /// Owner ids for completion and the picker (rulebook order).
    public var ownerIds: [String]
    public var themeNames: [String]
    /// The operator's clock for times on screen.
    public var zone: ZoneClock
    /// The key map in force, with the operator's own bindings.
    public var keys: KeyBindings
    /// Route names for completion in the filter (rulebook order).
    public var routeNames: [String]

    public init(
        operatorName: String, role: Role = .operator, readOnly: Bool = false, workspace: String, mouse: Bool = false,
        themeName: String = "dark", wideLayoutColumns: Int = 160, undoWindow: TimeInterval = 30, ownerIds: [String] = [],
        themeNames: [String] = ["dark", "light", "high-contrast", "mono"], zone: ZoneClock = .utc,
        keys: KeyBindings = .standard, routeNames: [String] = []
    ) {
        self.zone = zone
        self.keys = keys
        self.routeNames = routeNames
        self.operatorName = operatorName
        self.role = role
        self.readOnly = readOnly || role == .viewer
        self.workspace = workspace
        self.mouse = mouse
        self.themeName = themeName
        self.wideLayoutColumns = wideLayoutColumns
        self.undoWindow = undoWindow
        self.ownerIds = ownerIds
        self.themeNames = themeNames
    }

    /// Why mutating keys are disabled, or nil when they are not.
    public var readOnlyReason: String? {
        if role == .viewer { return "the viewer role cannot change leads" }
        if readOnly { return "this console is read-only (--read-only)" }
        return nil
    }
}

/// The operator's last action, which `u` can take back within the undo window.
public struct UndoEntry: Sendable, Hashable {
    /// "approve L-000012".
    public var label: String
    /// What takes the action back: compensating commands based on the versions the action left, or
    /// an owner's change reversed (a pause by resuming).
    public var effect: ConsoleEffect
    public var expires: Date

    /// The compensating commands, for an undo of actions on leads.
    public var plan: [PlannedCommand] {
        if case .perform(let plan, _, _, _) = effect { plan } else { [] }
    }
}

/// The cursor moved to another lead without the operator asking.
public struct CursorShift: Sendable, Hashable {
    /// The lead the operator had chosen (across several hops, the first).
    public var from: String
    public var to: String
    public var at: Date
    /// How long after a shift an action key is held back: about a glance.
    public static let guardTime: TimeInterval = 0.75
}

/// Sorting of one view: a column index and a direction; nil keeps the snapshot's own order.
public struct SortSpec: Sendable, Hashable {
    public var column: Int
    public var descending: Bool
}

/// The whole console as a value. The reducer is the only thing that changes it; views only read it.
public struct ConsoleState: Sendable {
    public var settings: ConsoleSettings
    public var rows: Int
    public var columns: Int
    /// Wall-clock time, for the status line and the undo window.
    public var wallNow: Date
    /// The desk's time (simulated in a demo), for ages and SLA time left.
    public var deskNow: Date
    public var snapshot: DeskSnapshot?
    /// The newest snapshot while live updates are paused (Z).
    public var held: DeskSnapshot?
    /// The newest review of the last day (Insights view, header figures), recomputed every few seconds.
    public var insights: Review?
    /// The running shadow's figures (else the last one's), read every few seconds (Shadow view).
    public var shadow: ShadowStanding?
    /// A server's intake over the last minute while one feeds this workspace (header); nil otherwise.
    public var intake: IntakeStatus?
    /// The newest deliveries of webhooks and CRM write-backs, read every few seconds (Deliveries view).
    public var deliveries: DeliveriesStanding?
    public var livePaused = false
    public var core: CoreHealth = .starting
    public var tab: Tab = .incoming
    /// The id under the cursor per view (lead id, owner id, event number), never a row index.
    public var cursors: [Tab: String] = [:]
    /// Where the cursor was last seen, to land next to a lead that left the list.
    public var cursorHints: [Tab: Int] = [:]
    /// When a live update last moved a view's cursor to another lead (its lead left, or following),
    /// so a key pressed in that instant is not taken as meant for the new lead.
    public var cursorShifts: [Tab: CursorShift] = [:]
    public var tops: [Tab: Int] = [:]
    /// A row the operator moved to (by its place in the whole list) whose page is still being read:
    /// the cursor lands on it when the page arrives, which is no live update.
    public var pendingRows: [Tab: Int] = [:]
    /// The query last sent to the desk: the filter and the page of each list the views need.
    public var asked: SnapshotQuery?
    /// Marked lead ids for bulk actions.
    public var marks: Set<String> = []
    /// The marked leads as last seen, so marks scrolled out of the loaded page still act on their lead.
    public var markedRows: [String: LeadRow] = [:]
    /// The lead the detail pane stays on after the operator acted on it from the pane, though the
    /// list moved on; cleared when the operator moves the cursor or closes the pane.
    public var pinned: String?
    /// Views that keep the cursor on the newest row as rows arrive.
    public var follow: Set<Tab> = [.incoming, .activity]
    public var sort: [Tab: SortSpec] = [:]
    public var filter = FilterText("")
    /// The detail pane asked for with Enter (always shown when the terminal is wide).
    public var detailRequested = false
    public var detailScroll = 0
    public var detail: LeadDetail?
    public var modal: Modal?
    public var status: StatusMessage?
    public var undo: UndoEntry?
    public var history: [String] = []
    /// What Tab in the `/` filter found, when it found several.
    public var filterCompletions: [String] = []
    /// A `:goto` whose lead no list held yet.
    public var pendingJump: PendingJump?
    public var themeProblems: [String] = []
    public var quit = false
    /// Actions sent to the desk and not answered yet.
    public var inFlight = 0
    /// The last `:simulate` (running or done), shown in the Simulation view.
    public var simulation: SimulationRun?
    /// Other consoles on a lead, as last read for the lead this console shows (`presenceLead`).
    public var presence: (leadId: String, others: [Presence])?

    public init(settings: ConsoleSettings, rows: Int, columns: Int, now: Date, deskNow: Date? = nil) {
        self.settings = settings
        self.rows = rows
        self.columns = columns
        wallNow = now
        self.deskNow = deskNow ?? now
    }

    /// Whether the detail pane is beside the table (wide terminals) rather than over it.
    public var wideLayout: Bool { columns >= settings.wideLayoutColumns }
    public var detailShown: Bool { tab.hasDetail && (wideLayout || detailRequested) && (cursors[tab] != nil || pinned != nil) }
    /// The lead the detail pane shows: the pinned one, else the one under the cursor.
    public var detailLeadId: String? { tab.listsLeads ? pinned ?? cursors[tab] : cursors[tab] }
    /// The lead this console's operator is on, for presence: the one the detail pane shows or the cursor
    /// is on, in a lead view; nil elsewhere.
    public var presenceLead: String? { tab.listsLeads ? detailLeadId : nil }
    /// The others on `presenceLead` now (nil when the last read was for another lead).
    public var othersHere: [Presence] {
        guard let presence, let lead = presenceLead, presence.leadId == lead else { return [] }
        return presence.others
    }
    /// New events waiting while live updates are paused.
    public var pending: Int {
        guard livePaused, let held, let shown = snapshot else { return 0 }
        return max(held.counts.events - shown.counts.events, 0)
    }
}
