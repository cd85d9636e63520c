import Foundation
import HandoffCore

/// The Simulation view's state: which draft, whether it is running, its report, and the view's own
/// filter (the live views' filter is a query to the desk; this one narrows rows already in hand).
public struct SimulationRun: Sendable {
    /// The draft file as the operator named it.
    public var path: String
    public var running: Bool
    /// Leads replayed so far while running.
    public var progress = 0
    public private(set) var report: SimulationReport?
    public private(set) var filter = ""
    /// The changed leads the filter lets through, oldest first; worked out when the report or the
    /// filter changes, not on every key.
    public private(set) var rows: [LeadChange] = []

    public init(path: String, running: Bool = true, report: SimulationReport? = nil) {
        self.path = path
        self.running = running
        self.report = report
        rows = Self.filtered(report, "")
    }

    public mutating func finish(with report: SimulationReport) {
        running = false
        self.report = report
        rows = Self.filtered(report, filter)
    }

    public mutating func setFilter(_ text: String) {
        filter = text
        rows = Self.filtered(report, text)
    }

    /// Changed leads the console keeps in full; the rest are counted.
    public static let keep = 5_000
    /// The window the console replays: the last 30 days of leads, as `handoff simulate` does by default.
    public static let window: TimeInterval = 30 * 86_400

    static func filtered(_ report: SimulationReport?, _ filter: String) -> [LeadChange] {
        guard let report else { return [] }
        let words = filter.lowercased().split(separator: " ").map(String.init)
        guard !words.isEmpty else { return report.changes }
        return report.changes.filter { change in words.allSatisfy { matches(change, $0) } }
    }

    /// `owner:ana`, `route:na-smb` and `reason:no_route` match either side; other words any of the row's text.
    static func matches(_ change: LeadChange, _ word: String) -> Bool {
        let sides = [change.before, change.after]
        if let colon = word.firstIndex(of: ":"), colon != word.startIndex {
            let value = String(word[word.index(after: colon)...])
            switch word[..<colon] {
            case "owner": return sides.contains { $0.owner?.lowercased() == value }
            case "route": return sides.contains { $0.route?.lowercased().hasPrefix(value) == true }
            case "reason": return sides.contains { $0.reason?.code.hasPrefix(value) == true }
            default: break
            }
        }
        let text = [change.leadId, change.company ?? "", change.before.text, change.after.text, change.why].joined(separator: " ").lowercased()
        return text.contains(word)
    }
}

/// Why a simulation could not run: the draft's errors (file, line, column), or what else went wrong.
public enum SimulationProblem: Error, Sendable, Hashable {
    case invalid(RulesProblems)
    case failed(String)
}
