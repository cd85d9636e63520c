import Foundation
import HandoffCore
import HandoffDesk
import HandoffStore

/// Everything that can happen to the console: keys, desk news, time passing, answers to its effects.
public enum ConsoleAction: Sendable {
    case key(Key)
    case snapshot(DeskSnapshot)
    /// A fresh review for the Insights view and the header.
    case insights(Review)
    case detail(LeadDetail?)
    /// Time passes: the wall clock (status line, undo window) and the desk's clock (ages, SLAs).
    case tick(wall: Date, desk: Date)
    case resize(rows: Int, columns: Int)
    /// The desk's answer to a `perform` effect.
    case performed(Performed)
    case absence(owner: String, result: Result<String, ConsoleFailure>)
    /// An out-of-office window withdrawn ("FROM..UNTIL"), or why not.
    case absenceWithdrawn(owner: String, result: Result<String, ConsoleFailure>)
    /// An owner paused (true) or resumed, or why not.
    case ownerPause(owner: String, paused: Bool, result: Result<String, ConsoleFailure>)
    case core(CoreHealth)
    case themeChanged(name: String, problems: [String])
    /// The rulebook file was read again: the version now in force, or the problems that kept the old one.
    case rulesReloaded(Result<String, RulesProblems>)
    case notice(String, StatusMessage.Kind)
    /// A running simulation has replayed this many leads.
    case simulationProgress(Int)
    /// A simulation finished: its report, or why it could not run.
    case simulated(Result<SimulationReport, SimulationProblem>)
    /// Text read off the UI thread for the clipboard (a trace), with what it is.
    case copyReady(text: String, what: String)
    /// Paths that complete a command line's partial path argument.
    case pathCompletions(partial: String, candidates: [String])
    /// The running shadow's figures (else the last one's), for the Shadow view.
    case shadow(ShadowStanding?)
    /// The desk's answer to `:shadow DRAFT`, `stop` or `promote`.
    case shadowAnswered(ShadowAnswer)
    /// A server's intake figures, or nil when none runs (or its figures went stale).
    case intake(IntakeStatus?)
    /// The newest deliveries and their counts, for the Deliveries view.
    case deliveries(DeliveriesStanding?)
    /// A dead-lettered delivery put back in line (what to say), or why not.
    case deliveryRetried(Result<String, ConsoleFailure>)
    /// The desk's answer to a `claim` effect.
    case claimAnswered(ClaimAnswer)
    /// Who else (other consoles) is on a lead, as last read for the lead this console shows.
    case presence(leadId: String, [Presence])
}

/// What became of a claim or unclaim.
public enum ClaimAnswer: Sendable, Hashable {
    /// Done: what to say.
    case done(ClaimChange, String)
    /// A colleague holds the claim: the console asks before going over it.
    case heldByOther(ClaimChange, ClaimedByOther)
    case failed(ClaimChange, String)
}

/// Why a rulebook file was refused: its file and every problem with line and column.
public struct RulesProblems: Error, Sendable, Hashable {
    public var file: String
    public var lines: [String]
    public init(file: String, lines: [String]) {
        self.file = file
        self.lines = lines
    }
}

/// An error as the console shows it.
public struct ConsoleFailure: Error, Sendable, Hashable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// What became of each command of one operator action.
public struct Performed: Sendable {
    public enum Outcome: Sendable {
        case done(PlannedCommand, LeadRecord)
        case stale(PlannedCommand, StaleVersion)
        case failed(PlannedCommand, String)
        /// Someone else claimed the lead: nothing done, the operator is asked first.
        case claimed(PlannedCommand, ClaimedByOther)
    }

    public var label: String
    public var outcomes: [Outcome]
    /// How each lead looked before, to build the undo.
    public var before: [String: LeadRow]
    public var undoable: Bool

    public init(label: String, outcomes: [Outcome], before: [String: LeadRow], undoable: Bool) {
        self.label = label
        self.outcomes = outcomes
        self.before = before
        self.undoable = undoable
    }
}

/// What the reducer asks the outside world to do; the runtime does it off the UI thread and answers
/// with an action.
public enum ConsoleEffect: Sendable, Hashable {
    /// Operator commands through the desk, answered with `.performed`.
    case perform([PlannedCommand], label: String, before: [String: LeadRow], undoable: Bool)
    case loadDetail(String)
    /// A new snapshot for this query (the filter changed).
    case query(SnapshotQuery)
    case setAbsence(owner: String, from: String, until: String)
    /// Take back an out-of-office window set a moment ago (undo), answered with `.absenceWithdrawn`.
    case withdrawAbsence(owner: String, from: String, until: String)
    /// Withdraw the out-of-office windows set at run time for an owner.
    case clearAbsence(owner: String)
    /// Pause an owner (with a reason) or resume them.
    case setPause(owner: String, paused: Bool, reason: String)
    case pauseCore(Bool)
    case theme(String)
    case mouse(Bool)
    /// Read the rulebook file again; a valid one takes effect for leads decided from then on.
    case reloadRules
    /// Replay the last 30 days of stored leads through the draft at this path, answered with `.simulated`.
    case simulate(String)
    /// Put text on the clipboard: the UI thread writes it to the terminal (OSC 52).
    case copy(String)
    /// Read a lead's trace for the clipboard, answered with `.copyReady`.
    case copyTrace(String)
    /// List the files that complete a partial path, answered with `.pathCompletions`.
    case completePath(String)
    /// Start, stop or promote a shadow run, answered with `.shadowAnswered`.
    case shadow(ShadowRequest)
    /// Put a dead-lettered delivery back in line, answered with `.deliveryRetried`.
    case retryDelivery(Int64)
    /// Claim or unclaim an exception, answered with `.claimAnswered`.
    case claim(ClaimChange)
    case quit
}
