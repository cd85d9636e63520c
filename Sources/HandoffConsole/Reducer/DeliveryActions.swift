import Foundation
import HandoffStore

/// The Deliveries view's news and its one action: putting a dead-lettered delivery back in line.
enum DeliveryActions {
    static func received(_ state: inout ConsoleState, _ standing: DeliveriesStanding?) -> [ConsoleEffect] {
        state.deliveries = standing
        Reducer.reconcile(&state, .deliveries)
        return []
    }

    /// `t` on a delivery: only a dead-lettered one goes back in line (the reducer refused it already on a
    /// read-only console).
    static func retry(_ state: inout ConsoleState) -> [ConsoleEffect] {
        guard let id = state.cursors[.deliveries], let row = state.deliveryRows.first(where: { String($0.id) == id }) else {
            Reducer.say(&state, "no delivery under the cursor", .info)
            return []
        }
        guard row.status == .dead else {
            Reducer.say(&state, "delivery \(row.id) is \(row.status.rawValue): only dead-lettered ones go back in line", .info)
            return []
        }
        return [.retryDelivery(row.id)]
    }

    static func retried(_ state: inout ConsoleState, _ result: Result<String, ConsoleFailure>) -> [ConsoleEffect] {
        switch result {
        case .success(let message): Reducer.say(&state, message, .ok)
        case .failure(let failure): Reducer.say(&state, failure.message, .error)
        }
        return []
    }
}
