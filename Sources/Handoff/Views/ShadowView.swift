import Foundation
import HandoffCore
import HandoffStore
import HandoffText

/// `shadow report` as text: which draft against which rulebook, the agreement rate, load per owner,
/// then the newest divergences.
enum ShadowView {
    static func lines(_ s: ShadowStanding, style: TextStyle) -> [String] {
        let shadow = s.shadow
        var out = [
            "Draft \(safe(shadow.draftPath)) ('\(safe(shadow.draftName))', version \(shadow.draftVersion)) shadowing "
                + "\(safe(shadow.livePath)) (version \(shadow.liveVersion)), started \(InstantText.format(shadow.startedAt)) by \(safe(shadow.startedBy)); "
                + state(shadow) + ".",
        ]
        guard s.leads > 0 else { return out + ["", "No lead routed since it started."] }
        out += ["", "Agreement: " + style.paint(percent(s.leads - s.diverged, of: s.leads), .bold)
            + " (\(counted(s.leads, "lead")) decided by both, \(s.diverged) diverged)"]
        out += ["", style.paint("Assignments per owner", .bold)]
        let owners = Set(s.liveLoads.keys).union(s.draftLoads.keys).sorted()
        let loads = TextTable([.init("OWNER"), .init("LIVE", .right), .init("DRAFT", .right), .init("CHANGE", .right)])
        out += loads.render(owners.map { owner in
            let live = s.liveLoads[owner] ?? 0, draft = s.draftLoads[owner] ?? 0
            return [.init(safe(owner)), .init(String(live)), .init(String(draft)), .init(draft == live ? "" : String(format: "%+d", draft - live))]
        }, style: style)
        guard !s.divergences.isEmpty else { return out }
        out += ["", style.paint("Divergences", .bold) + (s.diverged > s.divergences.count ? " (newest \(s.divergences.count) of \(s.diverged))" : "")]
        let table = TextTable([.init("LEAD"), .init("AT"), .init("LIVE"), .init("DRAFT"), .init("WHY", maxWidth: 70)])
        out += table.render(s.divergences.map {
            [.init($0.pair.leadId), .init(InstantText.format($0.at)), .init(safe($0.pair.live.text)), .init(safe($0.pair.draft.text)), .init(safe($0.pair.why ?? ""))]
        }, style: style)
        return out
    }

    private static func state(_ shadow: StoredShadow) -> String {
        guard let ended = shadow.endedAt else { return "running" }
        let how = shadow.end == .promoted ? "promoted" : "stopped"
        return "\(how) \(InstantText.format(ended))" + (shadow.endedBy.map { " by \(safe($0))" } ?? "")
    }

    /// Text from files and people, with control characters shown escaped, as everywhere else.
    static func safe(_ text: String) -> String { TerminalText.safe(text) }
}

/// `shadow ... --json`: field names in docs/CLI.md.
enum ShadowJSON {
    struct Shadow: Encodable {
        var id: Int64
        var draftPath: String
        var draftName: String
        var draftVersion: String
        var livePath: String
        var liveVersion: String
        var startedBy: String
        var startedAt: Date
        var endedBy: String?
        var endedAt: Date?
        /// "running", "stopped" or "promoted".
        var state: String

        init(_ s: StoredShadow) {
            id = s.id
            draftPath = s.draftPath
            draftName = s.draftName
            draftVersion = s.draftVersion
            livePath = s.livePath
            liveVersion = s.liveVersion
            startedBy = s.startedBy
            startedAt = s.startedAt
            endedBy = s.endedBy
            endedAt = s.endedAt
            state = s.end?.rawValue ?? "running"
        }
    }

    struct OwnerLoad: Encodable {
        var owner: String
        var live: Int
        var draft: Int
    }

    struct Divergence: Encodable {
        var lead: String
        var at: Date
        var live: ShadowOutcome
        var draft: ShadowOutcome
        var why: String
    }

    struct Report: Encodable {
        var shadow: Shadow?
        var leads: Int
        var diverged: Int
        /// Share of leads decided alike, 0 to 1; null before any lead.
        var agreement: Double?
        var owners: [OwnerLoad]
        var divergences: [Divergence]

        init(_ s: ShadowStanding?) {
            shadow = s.map { Shadow($0.shadow) }
            leads = s?.leads ?? 0
            diverged = s?.diverged ?? 0
            agreement = s?.agreement
            let live = s?.liveLoads ?? [:], draft = s?.draftLoads ?? [:]
            owners = Set(live.keys).union(draft.keys).sorted().map { OwnerLoad(owner: $0, live: live[$0] ?? 0, draft: draft[$0] ?? 0) }
            divergences = (s?.divergences ?? []).map {
                Divergence(lead: $0.pair.leadId, at: $0.at, live: $0.pair.live, draft: $0.pair.draft, why: $0.pair.why ?? "")
            }
        }
    }
}
