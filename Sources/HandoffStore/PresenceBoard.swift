import Foundation

/// One console's operator looking at one lead: where each console's cursor is, so the others can show
/// "also here". Ephemeral: not part of the log, and no write to it changes the lead or the store's
/// generation.
public struct Presence: Sendable, Hashable {
    /// The console, unique per process (two consoles of one operator are two entries).
    public var console: String
    public var operatorName: String
    /// The machine the console runs on, as it names itself.
    public var host: String
    public var leadId: String
    /// When that console last said so, by its own clock.
    public var seenAt: Date

    public init(console: String, operatorName: String, host: String, leadId: String, seenAt: Date) {
        self.console = console
        self.operatorName = operatorName
        self.host = host
        self.leadId = leadId
        self.seenAt = seenAt
    }
}

/// Where consoles say which lead their operator has under the cursor (a table of its own, `presence`:
/// one row per console, replaced at each report, pruned as it goes stale). Writes are not log entries
/// and do not move the generation, so a console's report every couple of seconds wakes no one.
public protocol PresenceBoard: Sendable {
    /// Records where `presence.console` is now (replacing its previous row), and deletes every console's
    /// row last seen before `pruneBefore`, in one short transaction.
    func recordPresence(_ presence: Presence, pruneBefore: Date) throws
    /// The consoles on `leadId` seen at or after `since`, except `console` itself, the most recently
    /// seen first.
    func presence(on leadId: String, since: Date, excluding console: String) throws -> [Presence]
    /// Removes a console's row (it is closing).
    func clearPresence(console: String) throws
}
