import Foundation
import HandoffCore
import HandoffDesk
import HandoffText

/// `route --json`.
struct RouteJSON: Encodable {
    struct RulebookRef: Encodable {
        var name: String
        var version: String
    }

    var routed: Int
    var assigned: Int
    var flagged: Int
    /// Reason code to count; codes are snake_case already.
    var flaggedByReason: [String: Int]
    var seconds: Double
    var leadsPerSecond: Double
    var rulebook: RulebookRef

    init(_ s: DrainSummary, rulebook: Rulebook) {
        routed = s.routed
        assigned = s.assigned
        flagged = s.routed - s.assigned
        flaggedByReason = Dictionary(uniqueKeysWithValues: s.flagged.map { ($0.key.code, $0.value) })
        let c = s.elapsed.components
        seconds = Double(c.seconds) + Double(c.attoseconds) / 1e18
        leadsPerSecond = s.perSecond.rounded()
        self.rulebook = RulebookRef(name: rulebook.name, version: rulebook.version)
    }
}

/// The tally `route` prints: assigned, flagged by reason (count and share), rate, rulebook.
enum RouteReport {
    static func lines(_ s: DrainSummary, rulebook: Rulebook, style: TextStyle) -> [String] {
        let flagged = s.routed - s.assigned
        var rows: [[TextTable.Cell]] = [
            [.init("assigned", .green), .init("\(s.assigned)"), .init(percent(s.assigned, of: s.routed))],
            [.init("flagged", .yellow), .init("\(flagged)"), .init(percent(flagged, of: s.routed))],
        ]
        // Most frequent first; ties in the reasons' fixed order.
        let order = Dictionary(uniqueKeysWithValues: ExceptionReason.allCases.enumerated().map { ($1, $0) })
        for (reason, n) in s.flagged.sorted(by: { $0.value != $1.value ? $0.value > $1.value : order[$0.key]! < order[$1.key]! }) {
            rows.append([.init("  " + reason.code, .yellow), .init("\(n)"), .init(percent(n, of: s.routed))])
        }
        let table = TextTable([.init(""), .init("", .right), .init("", .right)]).render(rows, style: style).dropFirst()
        let c = s.elapsed.components
        let seconds = Double(c.seconds) + Double(c.attoseconds) / 1e18
        return ["Routed \(counted(s.routed, "lead")) with rulebook '\(rulebook.name)' (version \(rulebook.version)):"]
            + table.map { "  " + $0 }
            + [String(format: "%.2f s, ", seconds) + "\(NumberText.grouped(s.perSecond.rounded())) leads/s"]
    }
}
