import HandoffCore

/// Turns CSV records into leads, or into quarantined records with the reason and place.
///
/// A record is quarantined when its quoting is broken, a field is not UTF-8, it has too few columns
/// (or extra non-empty ones), an employees / annual_revenue / score value is no number `NumberText`
/// reads, its time is no date `DateText` reads, or every value is empty. The first problem in column
/// order is the one reported.
public struct LeadRecordParser: Sendable {
    public let file: String
    public let header: HeaderMap
    public let options: LeadParseOptions
    /// Leads accepted so far; the next id is `options.makeID(acceptedCount + 1)`.
    public private(set) var acceptedCount = 0

    public init(header: HeaderMap, file: String, options: LeadParseOptions) {
        self.header = header
        self.file = file
        self.options = options
    }

    public mutating func parse(_ record: CSVRecord) -> IntakeResult<ImportedLead> {
        if let problem = record.structuralProblem(file: file, headers: header.headers) { return .quarantined(problem) }
        var draft = LeadDraft(receivedAt: options.receivedAt)
        let targets = header.targets
        let headers = header.headers
        let dates = options.dates
        var failure: (field: Int, reason: QuarantineReason)?
        record.raw.withUnsafeBufferPointer { bytes in
            for index in 0..<targets.count {
                let span = record.fields[index]
                if span.isEmpty { continue }
                let value = span.string(in: bytes)
                if let reason = draft.apply(targets[index], value, column: HeaderKey.trimmed(headers[index]), dates: dates) {
                    failure = (index, reason)
                    return
                }
            }
        }
        if let failure {
            let name = HeaderKey.trimmed(headers[failure.field])
            return .quarantined(record.quarantine(file, at: record.position(ofField: failure.field), field: name, failure.reason))
        }
        guard draft.hasValue else {
            return .quarantined(record.quarantine(file, at: TextPosition(line: record.line, column: 1), field: nil, .noValues))
        }
        acceptedCount += 1
        draft.fields.id = options.makeID(acceptedCount)
        let lead = draft.lead
        let key = IdempotencyKey.of(lead, receivedAtFromRecord: draft.receivedAtGiven)
        return .accepted(ImportedLead(lead: lead, key: key, line: record.line))
    }
}
