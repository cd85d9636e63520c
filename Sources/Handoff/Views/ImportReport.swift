import Foundation
import HandoffIntake
import HandoffStore

/// What an import did, for people and (with --json) for programs.
struct ImportReport: Encodable {
    var file: String
    var format: String
    var dialect: String
    var accepted: Int
    var alreadyPresent: Int
    var quarantined: Int
    var attributeColumns: [String]
    var firstProblems: [String]
    var seconds: Double
    var leadsPerSecond: Int
    /// With --route: how the leads were routed (as `route --json` prints it).
    var routed: RouteJSON?

    init(summary: ImportSummary, stored: InsertSummary, problems: [QuarantinedInput], seconds: Double) {
        file = summary.file
        format = summary.format.rawValue
        dialect = ImportReport.dialectName(summary.dialect)
        accepted = stored.accepted
        alreadyPresent = stored.alreadyPresent
        quarantined = stored.quarantined
        attributeColumns = summary.attributeColumns
        firstProblems = problems.map(\.description)
        self.seconds = (seconds * 1_000).rounded() / 1_000
        leadsPerSecond = seconds > 0 ? Int(Double(summary.records) / seconds) : 0
    }

    static func text(summary: ImportSummary, stored: InsertSummary, problems: [QuarantinedInput], seconds: Double, routed: Bool = false) -> String {
        let r = ImportReport(summary: summary, stored: stored, problems: problems, seconds: seconds)
        var lines = [
            "Imported \(r.file) (\(r.dialect), \(r.format)) in \(String(format: "%.2f", seconds)) s, \(Progress.grouped(r.leadsPerSecond)) records/s:",
            "  accepted         \(Progress.grouped(r.accepted))",
            "  already present  \(Progress.grouped(r.alreadyPresent))",
            "  quarantined      \(Progress.grouped(r.quarantined))",
        ]
        if !r.attributeColumns.isEmpty {
            lines.append("Kept as attributes: " + r.attributeColumns.joined(separator: ", "))
        }
        if !problems.isEmpty {
            lines.append("First problems (all of them: handoff quarantine):")
            lines += problems.map { "  \($0)" }
        }
        if !routed { lines.append(r.accepted > 0 ? "Next: handoff route" : "Nothing new to route.") }
        return lines.joined(separator: "\n")
    }

    static func dialectName(_ dialect: HeaderDialect) -> String {
        switch dialect {
        case .canonical: "Handoff columns"
        case .hubSpot: "HubSpot export"
        case .salesforce: "Salesforce export"
        case .mixed: "mixed columns"
        case .unknown: "unrecognised columns"
        }
    }
}
