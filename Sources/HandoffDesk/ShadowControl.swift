import Foundation
import HandoffCore
import HandoffStore
import HandoffText

/// A draft refused at `shadow start`: every error as `rules check` prints them (FILE:LINE:COL), then
/// its verdict.
public struct ShadowDraftRefused: Error, Sendable, CustomStringConvertible {
    public var lines: [String]
    public var description: String { lines.joined(separator: "\n") }
}

/// `shadow promote` refused: why, and what to do.
public struct ShadowPromoteRefused: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}

/// `shadow stop` or `promote` with nothing running.
public struct NoShadowRunning: Error, Sendable, CustomStringConvertible {
    public init() {}
    public var description: String { "no shadow is running; `handoff shadow start DRAFT.yaml` starts one" }
}

/// Starting, ending and promoting shadow runs: the command line and the console both come here.
public enum ShadowControl {
    /// Checks the draft and records it as the running shadow of the live rulebook file (`liveText` is
    /// that file's text now, which a promotion checks for edits made since).
    public static func start(
        store: any LeadStore, draftText: String, draftPath: String, liveText: String, livePath: String, live: Rulebook,
        actor: String, at now: Date
    ) throws -> StoredShadow {
        try Permission.require(.lead, of: actor, in: live, grants: store, to: "start shadow runs")
        let load = RulebookLoader.load(yaml: draftText, file: draftPath, lintWeekStarting: now)
        guard let draft = load.rulebook, load.errors.isEmpty else {
            throw ShadowDraftRefused(lines: load.errors.map(\.description) + [RulebookCheckReport.verdict(file: draftPath, load)])
        }
        return try store.startShadow(StoredShadow(
            draftPath: draftPath, draftSource: draftText, draftVersion: draft.version, draftName: draft.name,
            livePath: livePath, liveSource: liveText, liveVersion: live.version, startedBy: actor, startedAt: now))
    }

    /// Ends the running shadow; the shadow as it ended.
    public static func stop(store: any LeadStore, actor: String, at now: Date) throws -> StoredShadow {
        guard let id = try store.activeShadowId(), let running = try store.shadow(id) else { throw NoShadowRunning() }
        try permit(actor, running, store: store, to: "stop shadow runs", at: now)
        guard try store.endShadow(id, as: .stopped, by: actor, at: now), let ended = try store.shadow(id) else { throw NoShadowRunning() }
        return ended
    }

    /// Shadow runs are a lead's to start, stop and promote, by the roles of the live rulebook the shadow
    /// was started beside and the grants in the database.
    private static func permit(_ actor: String, _ shadow: StoredShadow, store: any LeadStore, to what: String, at now: Date) throws {
        guard let live = RulebookLoader.load(yaml: shadow.liveSource, file: shadow.livePath, lintWeekStarting: now).rulebook else { return }
        try Permission.require(.lead, of: actor, in: live, grants: store, to: what)
    }

    /// Makes the running shadow's draft the live rulebook: recorded as a rulebook version, written over
    /// the live file (so a running console's reload puts it in force, and the next `route` reads it),
    /// then the shadow ends as promoted. Refused when the draft no longer loads, or when the live file
    /// was edited since the shadow started (writing over it would lose those edits).
    public static func promote(store: any LeadStore, actor: String, at now: Date) throws -> (shadow: StoredShadow, rulebook: Rulebook) {
        guard let id = try store.activeShadowId(), let shadow = try store.shadow(id) else { throw NoShadowRunning() }
        try permit(actor, shadow, store: store, to: "promote shadow runs", at: now)
        let load = RulebookLoader.load(yaml: shadow.draftSource, file: shadow.draftPath, lintWeekStarting: now)
        guard let draft = load.rulebook, load.errors.isEmpty else {
            throw ShadowPromoteRefused(reason: (load.errors.map(\.description) + [
                "the draft \(shadow.draftPath) as shadowed no longer loads; fix it, `handoff shadow stop`, and start a new shadow"
            ]).joined(separator: "\n"))
        }
        let current: String
        do {
            current = try String(contentsOfFile: shadow.livePath, encoding: .utf8)
        } catch {
            throw ShadowPromoteRefused(reason: "cannot read the live rulebook \(shadow.livePath) (\(error.localizedDescription)); "
                + "restore it, or `handoff shadow stop` and start a new shadow against the rulebook in use")
        }
        if current != shadow.liveSource && current != shadow.draftSource {
            throw ShadowPromoteRefused(reason: "\(shadow.livePath) was edited since the shadow started; writing the draft over it "
                + "would lose those edits. Bring them into \(shadow.draftPath), then `handoff shadow stop` and start a new shadow of it")
        }
        try store.record(rulebook: draft, source: shadow.draftSource, author: actor, at: now)
        do {
            try Data(shadow.draftSource.utf8).write(to: URL(fileURLWithPath: shadow.livePath), options: .atomic)
        } catch {
            throw ShadowPromoteRefused(reason: "cannot write \(shadow.livePath) (\(error.localizedDescription)); "
                + "the shadow keeps running: make the file writable and promote again")
        }
        try store.endShadow(id, as: .promoted, by: actor, at: now)
        return (try store.shadow(id) ?? shadow, draft)
    }
}
