/// Why the draft decided a lead differently, in a few words, from the draft's own trace.
enum ChangeWhy {
    static func explain(before: Decision, after: Decision) -> String {
        let routeChanged = before.route != after.route
        if let note = after.exceptions.first {
            if routeChanged, let route = routeText(after), note.reason != .noRoute { return route + "; " + note.detail }
            return note.detail
        }
        if routeChanged { return routeText(after) ?? "another route" }
        let owner = after.owner ?? "nobody"
        if let reason = before.reason, !before.isAssigned {
            return "no longer \(reason.code); \(owner) chosen" + (chosenLoad(after).map { " (\($0))" } ?? "")
        }
        if let old = before.owner, let passed = passedOver(old, in: after) { return "\(old) \(passed.text)" }
        return "\(owner) chosen" + (chosenLoad(after).map { " (\($0))" } ?? "")
    }

    /// "enterprise-emea matched (country DE, employees 600 >= 500)", "fallback pool emea-enterprise".
    static func routeText(_ decision: Decision) -> String? {
        for step in decision.trace.steps {
            switch step {
            case .route(let name, let because, _):
                return because.isEmpty ? "\(name) matched" : "\(name) matched (\(because.map(\.description).joined(separator: ", ")))"
            case .fallbackPool(let pool):
                return "no route matched; fallback pool \(pool)"
            case .noRoute:
                if decision.trace.steps.contains(where: { if case .fallbackPool = $0 { true } else { false } }) { continue }
                return "no route matched"
            default:
                continue
            }
        }
        return nil
    }

    /// The first reason `owner` was passed over in the decision's pools, if they were considered.
    static func passedOver(_ owner: String, in decision: Decision) -> PassReason? {
        for step in decision.trace.steps {
            if case .pool(_, _, let candidates) = step, let c = candidates.first(where: { $0.owner == owner }), let reason = c.passedOver {
                return reason
            }
        }
        return nil
    }

    private static func chosenLoad(_ decision: Decision) -> String? {
        for step in decision.trace.steps {
            if case .pool(_, _, let candidates) = step, let c = candidates.first(where: { $0.passedOver == nil }) {
                return DecisionText.load(c)
            }
        }
        return nil
    }
}
