/// The leads that arrived in a review's window (`ReviewReads`): their numbers' range, each one's place in
/// the facts (-1 for a lead in the range that arrived outside the window), and the first log entry to
/// read. The same on every engine; each reads the arrivals its own way.
package struct ReviewWindow: Sendable {
    package var leads: ClosedRange<Int64>
    package var slots: [Int32]
    package var count: Int
    package var firstEntry: Int64

    /// From the arrivals (each lead's `received` entry, or the `routed` one standing for it) within the
    /// window: nil when there are none.
    package init?(arrivals: [(lead: Int64, seq: Int64)]) {
        guard !arrivals.isEmpty else { return nil }
        var low = Int64.max, high = Int64.min, first = Int64.max
        for (lead, seq) in arrivals {
            low = min(low, lead); high = max(high, lead); first = min(first, seq)
        }
        var slots = Array(repeating: Int32(-1), count: Int(high - low + 1))
        // In lead order, so the facts list leads as they were stored, whatever the order of their times.
        for (lead, _) in arrivals { slots[Int(lead - low)] = 0 }
        var next: Int32 = 0
        for i in slots.indices where slots[i] == 0 { slots[i] = next; next += 1 }
        self.leads = low...high
        self.slots = slots
        self.count = Int(next)
        self.firstEntry = first
    }

    /// The place in the facts of the lead numbered `lead`, or nil when it arrived outside the window.
    package func slot(_ lead: Int64) -> Int? {
        guard leads.contains(lead) else { return nil }
        let slot = slots[Int(lead - leads.lowerBound)]
        return slot >= 0 ? Int(slot) : nil
    }
}
