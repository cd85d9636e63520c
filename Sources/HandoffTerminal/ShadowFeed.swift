import Foundation
import HandoffConsole
import HandoffDesk

/// Keeps the Shadow view supplied: the running shadow's figures (else the last one's), read on a
/// thread of its own every couple of seconds and after every routed batch, never on the UI thread.
final class ShadowFeed: Sendable {
    static let interval: TimeInterval = 2
    /// Divergences the view can show at most (a tall terminal's worth).
    static let divergences = 200

    private let desk: Desk
    private let inbox: Inbox
    private let ticker = Ticker(interval: ShadowFeed.interval)

    init(desk: Desk, inbox: Inbox) {
        self.desk = desk
        self.inbox = inbox
    }

    func start() {
        ticker.start(name: "handoff.shadow") { [self] in
            do {
                inbox.post(.shadow(try desk.shadowStanding(divergences: Self.divergences)))
            } catch {
                inbox.post(.notice("could not read the shadow's figures: \(error)", .error))
            }
        }
        ticker.poke()
    }

    /// Reads again now (a batch was routed, or a shadow started or ended).
    func poke() { ticker.poke() }

    func stop() { ticker.stop() }
}

/// `:shadow DRAFT`, `stop` and `promote` off the UI thread. A promotion also puts the draft in force in
/// this console at once, as `:reload` of the file it wrote would.
enum ShadowWork {
    static func run(_ request: ShadowRequest, desk: Desk, rules: RulesFile?, operatorName: String) -> ShadowAnswer {
        do {
            switch request {
            case .start(let path):
                guard let rules else {
                    return ShadowAnswer(message: "this console runs the built-in example rulebook; start it with --rules FILE to shadow it", ok: false)
                }
                guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                    return ShadowAnswer(message: "cannot read \(path) as a UTF-8 file", ok: false)
                }
                guard case .success(let live) = rules.load() else {
                    return ShadowAnswer(message: "\(rules.path) has errors: fix it (or :reload) before shadowing it", ok: false)
                }
                do {
                    let started = try ShadowControl.start(
                        store: desk.store, draftText: text, draftPath: path, liveText: live.text, livePath: rules.path, live: desk.rulebook,
                        actor: operatorName, at: desk.clock())
                    return ShadowAnswer(message: "shadowing \(path) (\(started.draftVersion)): every lead routed from now on is decided by both", ok: true)
                } catch let refused as ShadowDraftRefused {
                    return ShadowAnswer(message: "\(path) refused: nothing shadowed", ok: false, problems: refused.lines)
                }
            case .stop:
                let stopped = try ShadowControl.stop(store: desk.store, actor: operatorName, at: desk.clock())
                return ShadowAnswer(message: "stopped shadowing \(stopped.draftPath)", ok: true)
            case .promote:
                let promoted = try ShadowControl.promote(store: desk.store, actor: operatorName, at: desk.clock())
                try desk.reload(promoted.rulebook, actor: operatorName)
                return ShadowAnswer(message: "promoted \(promoted.shadow.draftPath): rulebook \(promoted.rulebook.version) is in force and written to \(promoted.shadow.livePath)", ok: true)
            }
        } catch {
            return ShadowAnswer(message: String(describing: error), ok: false)
        }
    }
}
