import HandoffCore
import HandoffStore

/// What to do about a lead whose stored decision no longer reads, as `show` and `explain` say it.
enum DecisionDamage {
    static func advice(_ record: LeadRecord) -> String {
        // Only a lead still waiting for a person can be decided again; the history still says what happened.
        let retriable = record.state == .flagged || record.state == .ready
        return "Its history below still says what happened; `handoff doctor` lists every such lead"
            + (retriable ? "; `handoff retry \(record.lead.id)` decides it anew." : ".")
    }
}
