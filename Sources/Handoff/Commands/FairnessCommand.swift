import ArgumentParser
import Foundation
import HandoffCore
import HandoffDesk
import HandoffText

/// `handoff fairness`: each pool's ledger of leads received against shares.
struct FairnessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fairness",
        abstract: "Show each pool's fairness ledger: leads every member got against their share by weight.",
        discussion: """
            GOT counts leads given through the pool (by the router and the SLA timer). FORGIVEN is what the \
            pool's catch-up policy wrote off for a member who could not take leads (off hours, out of office, \
            holiday, paused). SHARE is what their weight entitles them to out of everything the pool gave, \
            and BEHIND is SHARE minus GOT minus FORGIVEN: what catch-up would still give back (negative: \
            ahead). GINI is 0 when every member got exactly their share per unit of weight.

            Exit codes: 0 success, 1 the rulebook has errors, 2 the rulebook or the database could not be \
            read, 64 the command line is wrong (unknown pool).
            """
    )

    @Option(help: ArgumentHelp("Only this pool.", valueName: "pool"))
    var pool: String?

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var rules: RulesOptions
    @OptionGroup var clock: ClockOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let store = try database.openExisting()
        let now = try clock.clock()()
        let (rulebook, ledger) = try StoreFailure.guarded {
            (try rules.inForce(store: store, at: now), try store.ledger())
        }
        var pools = Fairness.ledger(rulebook, ledger)
        if let pool {
            guard rulebook.pool(pool) != nil else {
                throw ValidationError("no pool '\(pool)' in the rulebook" + Suggestion.hint(for: pool, in: rulebook.pools.map(\.name)))
            }
            pools = pools.filter { $0.pool == pool }
        }
        if output.json {
            print(JSONOutput.document(FairnessJSON(rulebook: rulebook.version, pools: pools.map(FairnessJSON.Pool.init))))
        } else {
            for line in FairnessTable.lines(pools, rulebook: rulebook, at: now, style: output.style) { print(line) }
        }
    }
}

/// The text form: a block per pool.
enum FairnessTable {
    static func lines(_ pools: [PoolFairness], rulebook: Rulebook, at now: Date, style: TextStyle) -> [String] {
        var out: [String] = []
        for (i, pool) in pools.enumerated() {
            if i > 0 { out.append("") }
            let policy = pool.method == .loadBalanced ? "balances open load" : pool.method == .accountOwner ? "follows accounts" : "catch-up \(pool.catchUp)"
            let header = "\(pool.pool)  \(pool.method.rawValue)  \(policy)  \(counted(pool.received, "lead"))  gini \(String(format: "%.2f", pool.gini))"
            out.append(style.paint(header, .bold))
            guard pool.method != .accountOwner else {
                out.append("  leads follow their account's owner; this pool keeps no shares")
                continue
            }
            let table = TextTable([
                .init("OWNER"), .init("WEIGHT", .right), .init("GOT", .right), .init("FORGIVEN", .right), .init("SHARE", .right),
                .init("BEHIND", .right), .init(""), .init("NOW"),
            ])
            let most = max(pool.members.map { max(Double($0.assigned), $0.share) }.max() ?? 1, 1)
            let rows: [[TextTable.Cell]] = pool.members.map { m in
                let availability = rulebook.owner(m.owner)?.availability(at: now) ?? .inactive
                let behind = m.behind
                return [
                    .init(m.owner), .init("\(m.weight)"), .init("\(m.assigned)"), .init(m.forgiven == 0 ? "-" : String(format: "%.1f", m.forgiven)),
                    .init(String(format: "%.1f", m.share)),
                    .init(String(format: "%+.1f", behind), behind >= 1 ? .yellow : nil),
                    .init(bar(m.assigned, share: m.share, most: most)),
                    .init(availability.text, availability.colour),
                ]
            }
            out += table.render(rows, style: style).map { "  " + $0 }
        }
        return out
    }

    /// Leads got as a bar, with a tick where the share ends: "██████▌   │".
    static func bar(_ got: Int, share: Double, most: Double, width: Int = 16) -> String {
        let scale = Double(width) / most
        let filled = Int((Double(got) * scale).rounded())
        let mark = min(Int((share * scale).rounded()), width)
        var cells = Array(repeating: " ", count: width + 1)
        for i in 0..<min(filled, width) { cells[i] = "█" }
        cells[mark] = mark < filled ? "┃" : "│"
        return cells.joined()
    }
}

/// `handoff fairness --json`.
struct FairnessJSON: Encodable {
    struct Member: Encodable {
        var owner: String
        var weight: Int
        var assigned: Int
        var forgiven: Double
        var share: Double
        var behind: Double
    }

    struct Pool: Encodable {
        var pool: String
        var method: String
        var catchUp: String
        var received: Int
        var gini: Double
        var members: [Member]

        init(_ p: PoolFairness) {
            pool = p.pool
            method = p.method.rawValue
            catchUp = p.catchUp.description
            received = p.received
            gini = (p.gini * 1_000).rounded() / 1_000
            members = p.members.map {
                Member(owner: $0.owner, weight: $0.weight, assigned: $0.assigned, forgiven: $0.forgiven,
                       share: ($0.share * 10).rounded() / 10, behind: ($0.behind * 10).rounded() / 10)
            }
        }
    }

    var rulebook: String
    var pools: [Pool]
}
