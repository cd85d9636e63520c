import HandoffCore

/// One input record's fate: accepted as a value, or quarantined with its reason.
public enum IntakeResult<Value: Sendable>: Sendable {
    case accepted(Value)
    case quarantined(QuarantinedInput)

    public var accepted: Value? {
        if case .accepted(let value) = self { return value }
        return nil
    }

    public var quarantined: QuarantinedInput? {
        if case .quarantined(let record) = self { return record }
        return nil
    }
}

extension IntakeResult: Equatable where Value: Equatable {}
extension IntakeResult: Hashable where Value: Hashable {}

/// A lead read from an input, with the key that recognises it when it is imported again.
public struct ImportedLead: Sendable, Hashable {
    public var lead: Lead
    public var key: IdempotencyKey
    /// The line its record starts on.
    public var line: Int

    public init(lead: Lead, key: IdempotencyKey, line: Int) {
        self.lead = lead
        self.key = key
        self.line = line
    }
}
