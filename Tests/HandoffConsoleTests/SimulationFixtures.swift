import Foundation
import HandoffConsole
import HandoffCore

/// A simulation with known results for the console: the draft lowers the enterprise route to 500
/// employees (one lead leaves no_route) and lists na-smb's members the other way round (every one of
/// its 28 leads changes owner).
enum SimulationFixtures {
    static let current = """
        version: 1
        name: Test inbound
        timezone: UTC
        owners:
          - {id: ana, capacity: 40}
          - {id: ben, capacity: 30}
          - {id: dan, hours: "Mon-Fri 09:00-17:00"}
          - {id: eve, hours: "Mon-Fri 09:00-17:00"}
        pools:
          emea: {method: load_balanced, members: [ana, ben]}
          na-smb: {method: round_robin, members: [dan, eve]}
        routes:
          - {name: enterprise-emea, when: {country: [DE, FR], employees: ">= 1000"}, pool: emea}
          - {name: na-smb, when: {country: US}, pool: na-smb}
        fallback: {flag: no_route}

        """

    static var draft: String {
        current.replacingOccurrences(of: "\">= 1000\"", with: "\">= 500\"").replacingOccurrences(of: "[dan, eve]", with: "[eve, dan]")
    }

    static func rulebook(_ yaml: String) -> Rulebook { RulebookLoader.load(yaml: yaml, file: "draft.yaml").rulebook! }

    static var leads: [Lead] {
        let start = ConsoleFixtures.at(60)
        var leads = [
            Lead(id: "L-000101", receivedAt: start, email: "jo@globex.de", company: "Globex", country: "DE", employees: "4200"),
            Lead(id: "L-000102", receivedAt: start.addingTimeInterval(60), email: "al@initech.fr", company: "Initech", country: "FR", employees: "600"),
        ]
        for i in 3...30 {
            leads.append(Lead(
                id: String(format: "L-%06d", 100 + i), receivedAt: start.addingTimeInterval(Double(i) * 60),
                email: "p\(i)@northwind.com", company: "Northwind \(i)", country: "US", employees: "50"
            ))
        }
        return leads
    }

    static var report: SimulationReport {
        Simulation.run(
            current: rulebook(current), draft: rulebook(draft), accounts: AccountDirectory(),
            leads: leads.map { ReplayLead($0) }, keep: SimulationRun.keep, coverageWeek: ConsoleFixtures.now
        )
    }

    /// The console after `:simulate draft.yaml` and its answer.
    static func state(rows: Int = 30, columns: Int = 120) -> ConsoleState {
        var state = ConsoleFixtures.state(rows: rows, columns: columns)
        state.press(.character(":"))
        state.type("simulate draft.yaml")
        state.press(.enter)
        _ = Reducer.reduce(&state, .simulated(.success(report)))
        return state
    }
}
