import Foundation
import HandoffDesk
import HandoffStore

/// Which page of each list the views need: a few screenfuls around the rows in view, in the order the
/// operator sorted by, kept on the lead under the cursor (wherever live updates move it).
enum Paging {
    /// Screenfuls read beyond each side of the view, so moving a page at a time never waits on the store.
    static let marginScreens = 2

    static func query(_ state: ConsoleState) -> SnapshotQuery {
        var query = state.filter.query
        query.incoming = window(state, .incoming)
        query.exceptions = window(state, .exceptions)
        query.activity = events(state)
        return query
    }

    static func sizes(_ state: ConsoleState) -> (margin: Int, limit: Int) {
        let height = Layout(state).tableBodyRows
        let margin = max(height * marginScreens, 20)
        return (margin, height + 2 * margin)
    }

    static func window(_ state: ConsoleState, _ tab: Tab) -> ListWindow {
        let (margin, limit) = sizes(state)
        let sort = Columns.storeSort(tab, state.sort[tab])
        let top = state.tops[tab] ?? 0
        if state.follow.contains(tab), state.pendingRows[tab] == nil {
            return ListWindow(offset: 0, limit: limit, sort: sort)
        }
        if state.pendingRows[tab] == nil, let id = state.cursors[tab] {
            // Anchored on the cursor's lead: the page keeps it whatever arrives above it; should the lead
            // leave the list, the page stays where the view is.
            let above = max((state.cursorHints[tab] ?? 0) - top, 0) + margin
            return ListWindow(offset: max(top - margin, 0), limit: limit, anchor: id, above: above, sort: sort)
        }
        if let pending = state.pendingRows[tab], pending > 0, pending >= state.total(tab) - 1, state.total(tab) > 0, !state.totalCapped(tab) {
            return ListWindow(offset: 0, limit: limit, fromEnd: true, sort: sort)
        }
        return ListWindow(offset: max(top - margin, 0), limit: limit, sort: sort)
    }

    static func events(_ state: ConsoleState) -> EventWindow {
        let (margin, limit) = sizes(state)
        let sort = Columns.storeSort(.activity, state.sort[.activity])
        if state.follow.contains(.activity), state.pendingRows[.activity] == nil {
            return EventWindow(offset: 0, limit: limit, fromEnd: true, sort: sort)
        }
        let top = state.tops[.activity] ?? 0
        // Pages start on whole margins so moving within one does not ask again.
        let start = max(top - margin, 0) / margin * margin
        return EventWindow(offset: start, limit: limit + margin, fromEnd: false, sort: sort)
    }
}
