/// Decisions and traces as text a person reads in five seconds.
public enum DecisionText {
    /// One paragraph: "enterprise-emea matched (country DE, employees 4,200 >= 1000) -> pool emea-enterprise,
    /// load_balanced -> ben (12/30). Passed over: ana off hours (03:10 in America/Sao_Paulo), ..."
    public static func summary(_ decision: Decision) -> String {
        var parts: [String] = []
        if !decision.exceptions.isEmpty {
            parts.append("Flagged: " + decision.exceptions.map { "\($0.reason.code) (\($0.detail))" }.joined(separator: ", ") + ".")
        }
        var path: [String] = []
        var passed: [String] = []
        for step in decision.trace.steps {
            switch step {
            case .route(let name, let because, _):
                path.append(because.isEmpty ? "\(name) matched" : "\(name) matched (\(because.map(\.description).joined(separator: ", ")))")
            case .noRoute(let tried):
                path.append("no route matched (\(tried) tried)")
            case .fallbackPool:
                path.append("fallback")
            case .handover(let from, let to, let because):
                path.append("\(from): \(because) -> \(to == "nobody" ? "no fallback pool" : "pool \(to)")")
            case .pool(let name, let method, let candidates):
                var text = "pool \(name), \(method.rawValue)"
                if let chosen = candidates.first(where: { $0.passedOver == nil }) {
                    text += " -> " + (decision.isAssigned ? "" : "proposed ") + "\(chosen.owner) (\(load(chosen)))"
                } else {
                    text += " -> nobody"
                }
                path.append(text)
                passed += candidates.compactMap { c in c.passedOver.map { "\(c.owner) \($0.text)" } }
            default:
                break
            }
        }
        if !path.isEmpty { parts.append(path.joined(separator: " -> ") + ".") }
        if !passed.isEmpty { parts.append("Passed over: " + passed.joined(separator: ", ")) }
        return parts.joined(separator: " ")
    }

    /// The whole trace, a step a line, for `explain` and the console's detail pane.
    public static func lines(_ decision: Decision) -> [String] {
        var out: [String] = []
        for step in decision.trace.steps {
            switch step {
            case .unreadable(let problems):
                for p in problems { out.append("unreadable \(p.field) \"\(p.value)\": \(p.message), treated as missing") }
            case .notReady(let reason, let detail):
                out.append("readiness: \(detail) [\(reason.code)]")
            case .duplicate(let of, let key, let ignored):
                out.append("duplicate: same \(key) as \(of)" + (ignored ? " (ignored by policy)" : " [duplicate_suspect]"))
            case .account(let domain, let name, let owner):
                out.append("account: \(name) (\(domain))" + (owner.map { ", owner \($0)" } ?? ", no owner"))
            case .route(let name, let because, let mode):
                out.append("route: \(name)" + (because.isEmpty ? "" : " because " + because.map(\.description).joined(separator: ", "))
                           + (mode == .review ? " (review)" : ""))
            case .noRoute(let tried):
                out.append("route: none of \(tried) matched")
            case .misses(let misses):
                for miss in misses { out.append("  \(miss.route): \(miss.why)") }
            case .fallbackPool(let pool):
                out.append("fallback: pool \(pool)")
            case .handover(let from, let to, let because):
                out.append("pool \(from): \(because); " + (to == "nobody" ? "no fallback pool" : "handed to \(to)"))
            case .pool(let name, let method, let candidates):
                out.append("pool \(name) (\(method.rawValue)), \(candidates.count) considered:")
                for c in candidates {
                    let verdict = c.passedOver.map { "passed over: \($0.text)" } ?? (decision.isAssigned ? "chosen" : "proposed")
                    out.append("  \(c.owner) \(load(c)) \(verdict)")
                }
            }
        }
        if decision.exceptions.isEmpty, let owner = decision.owner {
            out.append("assigned to \(owner)")
        } else {
            for e in decision.exceptions { out.append("flagged \(e.reason.code): \(e.detail)") }
        }
        return out
    }

    static func load(_ c: Candidate) -> String {
        c.capacity.map { "\(c.open)/\($0)" } ?? "\(c.open) open"
    }
}

extension PassReason {
    /// "off hours (03:10 in America/Sao_Paulo)"
    public var text: String {
        switch self {
        case .inactive: "inactive"
        case .outOfOffice(let until): "out of office until \(until)"
        case .holiday(let name, let day): "on holiday (\(name), \(day))"
        case .paused(let text): text
        case .offHours(let local, let zone): "off hours (\(local) in \(zone))"
        case .atCapacity(let open, let capacity): "at capacity (\(open)/\(capacity))"
        case .notNextInTurn: "not next in turn"
        case .aheadOfShare(let assigned, let weight): "ahead of share (\(assigned) assigned, weight \(weight))"
        case .higherLoad(let open, let capacity): "higher load (\(capacity.map { "\(open)/\($0)" } ?? "\(open) open"))"
        case .tiedLaterInOrder: "tied, listed later"
        case .previousOwner: "owned this lead before"
        }
    }
}
