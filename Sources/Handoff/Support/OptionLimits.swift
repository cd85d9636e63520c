import HandoffCore

/// Ranges of the numeric options, so that a huge number is refused with a message instead of being
/// reserved for, allocated or overflowed (`--limit 9223372036854775807` plus one).
enum OptionLimits {
    /// Rows a listing prints or a command acts on at once.
    static let rows = 1_000_000
    static let rowsText = NumberText.grouped(Double(rows))
    /// Leads routed in one transaction.
    static let batch = 100_000
}
