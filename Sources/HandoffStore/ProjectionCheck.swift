import Foundation
import HandoffCore

/// `handoff doctor`'s comparison of the log with the projections, the same on every engine: the log is
/// replayed lead by lead and every lead's state and version checked against it, then every owner's open
/// load and the pools' ledgers. The engine reads (a page at a time) and hands over, in this order: the
/// log's entries (`entry`, each lead's in number order), the leads (`lead`, in number order), then
/// `endOfLeads`, `openLoad` and `ledgers`; `report` holds the words.
package struct ProjectionCheck {
    package private(set) var problems: [String] = []
    /// Entries read, a `routed` one counted as the entries it stands for.
    package private(set) var events = 0
    package private(set) var leads = 0
    private var replayed: [String: (state: LeadState, version: Int)] = [:]
    private let actions = Dictionary(uniqueKeysWithValues: LeadAction.allCases.map { ($0.event, $0) })

    package init() {}

    package var report: DoctorReport { DoctorReport(leads: leads, events: events, problems: problems) }

    /// One stored log entry of the lead `id`: its kind, version and the state it left the lead in.
    package mutating func entry(lead id: String, kind: String, version: Int, to: String?) {
        events += 1
        if kind == RoutedEntry.kind {
            // Taken in and decided at once: replayed as the entries it stands for.
            events += Int(RoutedEntry.span(kind: kind, leadVersion: Int64(version))) - 1
            if replayed[id] != nil { problems.append("\(id): received twice") }
            var state = LeadState.received
            let stored = to
            let to = to.flatMap(LeadState.init(rawValue:))
            let steps: [LeadAction] = version == 3 ? [.check, to == .assigned ? .assign : .flag] : [to == .assigned ? .assign : .flag]
            if version != 2 && version != 3 { problems.append("\(id): routed entry at version \(version), not 2 or 3") }
            do { for step in steps { state = try Lifecycle.next(state, step) } } catch { problems.append("\(id): \(error)") }
            if to != state { problems.append("\(id): routed entry says \(stored ?? "no state"), but its steps end \(state.rawValue)") }
            replayed[id] = (state, version)
            return
        }
        if kind == RoutedEntry.decidedKind {
            // A queued lead's check and decision at once: replayed as the two entries it stands for.
            events += 1
            guard var current = replayed[id] else { problems.append("\(id): decided before received"); return }
            if version != current.version + 2 { problems.append("\(id): decided entry at version \(version) after \(current.version)") }
            let stored = to
            let to = to.flatMap(LeadState.init(rawValue:))
            do {
                current.state = try Lifecycle.next(current.state, .check)
                current.state = try Lifecycle.next(current.state, to == .assigned ? .assign : .flag)
            } catch { problems.append("\(id): \(error)") }
            if to != current.state { problems.append("\(id): decided entry says \(stored ?? "no state"), but its steps end \(current.state.rawValue)") }
            current.version = version
            replayed[id] = current
            return
        }
        guard let kind = EventKind(rawValue: kind) else { problems.append("\(id): unknown event kind \(kind)"); return }
        if kind == .received {
            if replayed[id] != nil { problems.append("\(id): received twice") }
            replayed[id] = (.received, version)
            return
        }
        guard var current = replayed[id] else { problems.append("\(id): \(kind.rawValue) before received"); return }
        guard kind.changesLead else {
            // A claim's entry keeps the lead's version.
            if version != current.version { problems.append("\(id): \(kind.rawValue) entry at version \(version), the lead at \(current.version)") }
            return
        }
        if version != current.version + 1 { problems.append("\(id): event version \(version) after \(current.version)") }
        if let action = actions[kind] {
            do { current.state = try Lifecycle.next(current.state, action) } catch { problems.append("\(id): \(error)") }
        }
        current.version = version
        replayed[id] = current
    }

    /// One stored lead; `decisionProblem` is why its stored decision does not read, if it does not.
    package mutating func lead(id: String, state: String, version: Int, decisionProblem: String?) {
        leads += 1
        // A decision that no longer reads would show a lead without its explanation.
        if let why = decisionProblem {
            problems.append("\(id): \(why); `handoff retry \(id)` decides it anew if it is still open")
        }
        guard let log = replayed.removeValue(forKey: id) else { problems.append("\(id): no events in the log"); return }
        if log.state.rawValue != state { problems.append("\(id): state \(state), but the log says \(log.state.rawValue)") }
        if log.version != version { problems.append("\(id): version \(version), but the log has \(log.version) events") }
    }

    /// After the last lead: entries left over are for leads that are not there.
    package mutating func endOfLeads() {
        for id in replayed.keys.sorted() { problems.append("\(id): events for a lead that does not exist") }
        replayed = [:]
    }

    /// Owners' open load: `assigned` counts the leads assigned to each owner, `stored` is the load table
    /// in the order it is read.
    package mutating func openLoad(assigned: [String: Int], stored: [(owner: String, open: Int)]) {
        var open = assigned
        for (owner, load) in stored {
            let actual = open.removeValue(forKey: owner) ?? 0
            if load != actual { problems.append("owner \(owner): open load \(load), but \(actual) leads are assigned to them") }
        }
        for (owner, n) in open.sorted(by: { $0.key < $1.key }) { problems.append("owner \(owner): no open load recorded, but \(n) leads are assigned to them") }
    }

    /// The pools' ledgers against the log. The log does not say through which pool a lead was handed
    /// over, so what is checked is what must hold whatever the pools: no owner is counted in ledgers more
    /// often than the log hands them leads (`handed`: assigned, approved, rerouted), no count is negative,
    /// and each pool's last owner has a line in that pool's ledger. `counted` is each owner's sum over the
    /// ledgers, by owner; `negative` the lines below zero and `turnsWithoutLine` the pools' turns without
    /// a line, by pool (and owner).
    package mutating func ledgers(handed: [String: Int], counted: [(owner: String, assigned: Int)],
                                  negative: [(pool: String, owner: String, assigned: Int, excused: Int)],
                                  turnsWithoutLine: [(pool: String, owner: String)]) {
        for (owner, count) in counted {
            let logged = handed[owner] ?? 0
            if count > logged { problems.append("owner \(owner): pool ledgers count \(count) leads given, but the log hands them \(logged)") }
        }
        for line in negative {
            problems.append("pool \(line.pool), owner \(line.owner): negative ledger line (assigned \(line.assigned), forgiven \(line.excused) thousandths)")
        }
        for turn in turnsWithoutLine {
            problems.append("pool \(turn.pool): its turn says \(turn.owner) was given the last lead, but the pool's ledger has no line for them")
        }
    }
}
