import Foundation
import HandoffCore
import HandoffStore

/// The SQLite engine's reads of `routed` and `decided` entries (`RoutedEntry`, in the contract), in SQL.
extension RoutedEntry {
    /// The lead's source beside each stored entry, for expanding a `routed` one (NULL for any other).
    static let sourceColumn = "CASE WHEN e.kind = 'routed' THEN (SELECT source FROM leads WHERE seq = e.lead) END"

    /// The log as readers see it, `routed` and `decided` entries expanded, for the few reads that sort or count the
    /// whole of it in SQL (the same columns as `events`, without the hash). Reads bounded by entry
    /// numbers or by lead expand in Swift instead (`SQLiteStore.events(from:)`), through the indexes.
    static let expandedLogSQL = """
        (SELECT seq, lead, kind, at, actor, lead_version, rulebook, reason, owner, previous_owner, text, from_state, to_state
            FROM events WHERE kind NOT IN ('routed', 'decided')
        UNION ALL
        SELECT e.seq - e.lead_version + s.step, e.lead,
            CASE WHEN s.step = 1 THEN 'received' WHEN s.step < e.lead_version THEN 'checked'
                WHEN e.to_state = 'assigned' THEN 'assigned' ELSE 'flagged' END,
            e.at, CASE WHEN s.step = 1 THEN e.actor ELSE 'router' END, s.step,
            CASE WHEN s.step > 1 THEN e.rulebook END,
            CASE WHEN s.step = 1 THEN (SELECT source FROM leads WHERE seq = e.lead) WHEN s.step = e.lead_version THEN e.reason END,
            CASE WHEN s.step = e.lead_version THEN e.owner END, NULL,
            CASE WHEN s.step = e.lead_version THEN e.text END,
            CASE WHEN s.step = 2 AND e.lead_version = 3 THEN 'received' WHEN s.step = e.lead_version THEN
                CASE WHEN e.lead_version = 3 THEN 'ready' ELSE 'received' END END,
            CASE WHEN s.step = 1 THEN 'received' WHEN s.step < e.lead_version THEN 'ready'
                WHEN e.to_state = 'assigned' THEN 'assigned' ELSE 'flagged' END
        FROM events e JOIN (SELECT 1 AS step UNION ALL SELECT 2 UNION ALL SELECT 3) s ON s.step <= e.lead_version
        WHERE e.kind = 'routed'
        UNION ALL
        \(decidedExpandedSQL(steps: "(SELECT 1 AS step UNION ALL SELECT 2) s")))
        """
}
