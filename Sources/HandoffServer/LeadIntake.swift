import Foundation
import HandoffCore
import HandoffIntake
import HandoffStore

/// One request's leads, read with `handoff import`'s JSON Lines reader and field mapping: the leads it
/// accepts with their place in the body, and the records it quarantines with theirs.
struct LeadIntake: Sendable {
    struct Accepted: Sendable {
        /// Array index or line number, as the body numbers records.
        var position: Int
        var lead: IncomingLead
    }

    struct Rejected: Sendable {
        var position: Int
        var column: Int
        var field: String?
        var reason: String
        var record: QuarantinedRecord
    }

    var numbering: LeadBody.Numbering
    var accepted: [Accepted] = []
    var rejected: [Rejected] = []

    /// Where quarantined records say they came from.
    static let source = "POST /v1/leads"

    /// Reads every record of `body`. With an `Idempotency-Key`, lead n's key is derived from it and n, so a
    /// repeat of the request finds its leads whatever they contain; else each lead's own key (its CRM id,
    /// else a digest of its content), as a file import gives it.
    static func read(_ body: LeadBody, idempotencyKey: String?, receivedAt: Date) throws -> LeadIntake {
        // The reader's buffer sized to the body: its default chunk (1 MiB, for files) would be allocated,
        // and given back, on every request.
        var reader = try LeadImport(MemoryByteSource(body.lines, name: source), format: .jsonLines,
                                    options: LeadParseOptions(receivedAt: receivedAt),
                                    readOptions: ReadOptions(chunkSize: max(body.lines.count, 64)))
        var intake = LeadIntake(numbering: body.numbering)
        while let result = try reader.next() {
            switch result {
            case .accepted(let imported):
                let position = body.numbering == .index ? imported.line - 1 : imported.line
                let key = idempotencyKey.map { "http:\($0)#\(position)" } ?? imported.key.value
                intake.accepted.append(Accepted(position: position, lead: IncomingLead(lead: imported.lead, idempotencyKey: key)))
            case .quarantined(let bad):
                let position = body.numbering == .index ? bad.recordLine - 1 : bad.recordLine
                intake.rejected.append(Rejected(
                    position: position, column: bad.column, field: bad.field, reason: bad.message,
                    record: QuarantinedRecord(file: source, line: bad.line, column: bad.column, field: bad.field, reason: bad.message, raw: bad.rawText)))
            }
        }
        return intake
    }
}
