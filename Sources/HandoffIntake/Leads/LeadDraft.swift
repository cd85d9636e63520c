import Foundation
import HandoffCore

/// A lead being filled from one record's values, checking each as it goes. Shared by the CSV and
/// JSON Lines parsers so both accept and refuse exactly the same values.
struct LeadDraft {
    /// Filled field by field, then made into a lead once (`lead`).
    var fields: Lead.Fields
    /// Whether the record gave the receive time (it then counts towards the idempotency key).
    var receivedAtGiven = false
    /// Whether any value is more than white space.
    var hasValue = false
    /// Fields already set, one bit per `LeadColumn`.
    private var filled: UInt32 = 0

    init(receivedAt: Date) { fields = Lead.Fields(id: "", receivedAt: receivedAt) }

    var lead: Lead { Lead(fields: fields) }

    func isFilled(_ column: LeadColumn) -> Bool { filled & column.bit != 0 }

    /// Stores one non-empty value; a reason when the value is unusable. Text stays exactly as given
    /// ("1,200", "$4.5M"): normalization happens when routing, and the raw text is what an operator sees.
    @inline(__always)
    mutating func apply(_ target: ColumnTarget, _ value: String, column: @autoclosure () -> String, dates: DateText) -> QuarantineReason? {
        // A NUL is no character of any CRM's text, and the store's readers stop at it: the value would be
        // shown cut short. Refused here, for CSV and JSON Lines alike.
        if value.utf8.contains(0) { return .nulCharacter(column: column()) }
        // Trimming is only needed to tell blank from not, and to check numbers and times.
        if !hasValue, Normalizer.text(value) != nil { hasValue = true }
        switch target {
        case .attribute(let key):
            fields.attributes[key] = value
        case .field(let field):
            filled |= field.bit
            if field == .receivedAt {
                guard let trimmed = Normalizer.text(value) else { return nil }
                guard let date = dates.date(from: trimmed) else { return .notADate(column: column(), value: trimmed) }
                fields.receivedAt = date
                receivedAtGiven = true
                return nil
            }
            if field.isNumber, !NumberShape.isCommonShape(value), let trimmed = Normalizer.text(value), !NumberShape.isNumber(trimmed) {
                return .notANumber(column: column(), field: field, value: trimmed)
            }
            fields.set(field, value)
        }
        return nil
    }
}

extension LeadColumn {
    /// One bit per column, for `LeadDraft`'s set of filled fields.
    var bit: UInt32 {
        switch self {
        case .externalId: 1 << 0
        case .source: 1 << 1
        case .receivedAt: 1 << 2
        case .email: 1 << 3
        case .firstName: 1 << 4
        case .lastName: 1 << 5
        case .title: 1 << 6
        case .company: 1 << 7
        case .website: 1 << 8
        case .phone: 1 << 9
        case .country: 1 << 10
        case .region: 1 << 11
        case .postalCode: 1 << 12
        case .timezone: 1 << 13
        case .employees: 1 << 14
        case .annualRevenue: 1 << 15
        case .industry: 1 << 16
        case .score: 1 << 17
        }
    }
}
