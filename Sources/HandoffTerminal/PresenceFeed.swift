import Foundation
import HandoffConsole
import HandoffDesk
import HandoffStore
import Synchronization

/// Presence, on a thread of its own: every couple of seconds, and at once when the operator moves to
/// another lead, says which lead this console is on (unless the console is read-only: it writes
/// nothing) and reads who else is on it, for the status line.
final class PresenceFeed: Sendable {
    static let interval: TimeInterval = 2
    /// A console not heard from for this long has gone (quit, or its machine did): not shown, and pruned.
    static let fresh: TimeInterval = 10

    private let store: any LeadStore
    private let inbox: Inbox
    private let me: Presence
    private let writes: Bool
    private let lead = Mutex<String?>(nil)
    /// This console's row is off the board (it is on no lead).
    private let off = Mutex(true)
    private let ticker = Ticker(interval: PresenceFeed.interval)

    /// `console` is unique to this process; `writes` is false on a read-only console.
    init(store: any LeadStore, inbox: Inbox, console: String, operatorName: String, host: String, writes: Bool) {
        self.store = store
        self.inbox = inbox
        me = Presence(console: console, operatorName: operatorName, host: host, leadId: "", seenAt: Date())
        self.writes = writes
    }

    func start() {
        ticker.start(name: "handoff.presence") { [self] in
            guard let leadId = lead.withLock({ $0 }) else {
                // On no lead now (another view): off the board once, not rewritten at every tick.
                if writes, !off.withLock({ was in defer { was = true }; return was }) { try? store.clearPresence(console: me.console) }
                return
            }
            let now = Date()
            // Presence is a courtesy: a failed write or read is tried again at the next tick, unsaid, and a
            // failed write does not keep the others from being shown.
            if writes {
                var here = me
                here.leadId = leadId
                here.seenAt = now
                if (try? store.recordPresence(here, pruneBefore: now.addingTimeInterval(-Self.fresh * 6))) != nil { off.withLock { $0 = false } }
            }
            if let others = try? store.presence(on: leadId, since: now.addingTimeInterval(-Self.fresh), excluding: me.console) {
                inbox.post(.presence(leadId: leadId, others))
            }
        }
    }

    /// The operator is on another lead now (nil: none): said and read at once.
    func setLead(_ leadId: String?) {
        let changed = lead.withLock { current in
            defer { current = leadId }
            return current != leadId
        }
        if changed { ticker.poke() }
    }

    /// Stops, and takes this console off the board.
    func stop() {
        ticker.stop()
        if writes { try? store.clearPresence(console: me.console) }
    }
}

/// Claims and unclaims off the UI thread.
enum ClaimWork {
    static func run(_ change: ClaimChange, desk: Desk, operatorName: String) -> ClaimAnswer {
        do {
            if change.claiming {
                let claim = try desk.claim(change.leadId, actor: operatorName, overridingClaim: change.overriding)
                return .done(change, "claimed \(claim.leadId): colleagues are asked before acting on it")
            }
            guard let ended = try desk.unclaim(change.leadId, actor: operatorName, overridingClaim: change.overriding) else {
                return .done(change, "\(change.leadId) has no claim")
            }
            return .done(change, ended.by == operatorName ? "unclaimed \(change.leadId)" : "unclaimed \(change.leadId) (was \(ended.by)'s)")
        } catch let held as ClaimedByOther {
            return .heldByOther(change, held)
        } catch {
            return .failed(change, "\(change.leadId): \(error)")
        }
    }
}
