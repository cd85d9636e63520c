import FuzzContract
import Foundation
import HandoffIntake

/// JSON Lines leads: every line is accepted or quarantined at a line and column inside the input, and a
/// file refused as a whole says where.
fuzz { input in
    let lines = lineCount(input)
    // A small chunk size, so records that straddle reads are exercised too.
    let source = MemoryByteSource(input, name: "leads.jsonl", chunkLimit: 7)
    let options = LeadParseOptions(receivedAt: Date(timeIntervalSince1970: 1_790_000_000))
    do throws(IntakeError) {
        var leads = try LeadImport(source, format: .jsonLines, options: options, readOptions: ReadOptions(chunkSize: 64, maxRecordBytes: 4096))
        var seen = 0
        var lastLine = 0
        while let result = try leads.next() {
            seen += 1
            switch result {
            case .accepted(let lead):
                require(lead.line >= 1 && lead.line <= lines, "accepted lead at line \(lead.line) of \(lines)")
                require(lead.line >= lastLine, "records out of order: line \(lead.line) after \(lastLine)")
                lastLine = lead.line
            case .quarantined(let record):
                require(record.line >= 1 && record.line <= lines, "quarantined at line \(record.line) of \(lines)")
                require(record.column >= 1, "quarantined without a column: \(record)")
                require(!record.message.isEmpty, "quarantined without a reason")
                require(record.recordLine >= lastLine, "records out of order: line \(record.recordLine) after \(lastLine)")
                lastLine = record.recordLine
            }
        }
        require(leads.summary.records == seen, "summary counts \(leads.summary.records) records, \(seen) were read")
    } catch {
        require(error.line != nil, "rejection without a position: \(error)")
        require(!error.message.isEmpty, "rejection without a reason")
    }
}
