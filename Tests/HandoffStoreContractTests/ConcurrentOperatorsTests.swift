import Foundation
import HandoffCore
import HandoffDesk
import HandoffStore
import HandoffWorkspace
import Testing

/// What operators on many machines rely on, run against every engine: conflicting actions from two
/// handles at once resolve one way, a read-only handle writes nothing, and bad input is kept as it came.
@Suite("Store contract: operators on many handles", .dropsItsDatabases)
struct ConcurrentOperatorsTests {
    @Test("two handles acting on the same lead version at once: one wins, the other is told who changed it", arguments: Engine.available)
    func conflictingActionsResolveOneWay(_ engine: Engine) async throws {
        let (store, location) = try await onThread { try engine.fresh() }
        let leads = try await onThread { () -> [LeadRecord] in
            _ = try store.insert(Fixtures.leads(20), quarantine: [], at: Fixtures.tuesday, actor: "test")
            _ = try Desk(store: store, rulebook: Fixtures.rulebook, clock: { Fixtures.tuesday }).drain()
            return try store.leads(LeadFilter(limit: 20))
        }
        #expect(leads.count == 20)
        let targets = leads.map { ($0.lead.id, $0.version) }
        // Each of two handles (as two machines would have) annotates every lead on the version both saw.
        async let olga: [Bool] = onThread {
            let handle = try location.open()
            return targets.map { id, version in
                (try? handle.apply(.annotate("olga's"), to: id, basedOn: version, actor: "olga", at: Fixtures.tuesday, rulebookVersion: nil)) != nil
            }
        }
        async let ivan: [Result<Bool, StaleVersion>] = onThread {
            let handle = try location.open()
            return targets.map { id, version in
                do {
                    _ = try handle.apply(.annotate("ivan's"), to: id, basedOn: version, actor: "ivan", at: Fixtures.tuesday, rulebookVersion: nil)
                    return .success(true)
                } catch let stale as StaleVersion {
                    return .failure(stale)
                } catch {
                    return .success(false)
                }
            }
        }
        let (o, i) = try await (olga, ivan)
        for index in targets.indices {
            let ivanWon = if case .success(true) = i[index] { true } else { false }
            #expect(o[index] != ivanWon, "exactly one of the two applied on \(targets[index].0)")
            if case .failure(let stale) = i[index] {
                #expect(stale.latest?.actor == "olga" && stale.current == targets[index].1 + 1, "ivan is told olga changed it")
            }
        }
        try await onThread { () throws in
            #expect(try store.doctor().healthy)
            #expect(try store.auditLog(anchor: nil, progress: nil).intact)
        }
    }

    @Test("a read-only handle refuses every write and changes nothing", arguments: Engine.available)
    func readOnlyHandleWritesNothing(_ engine: Engine) async throws {
        try await onThread {
            let (store, location) = try engine.fresh()
            _ = try store.insert(Fixtures.leads(3), quarantine: [], at: Fixtures.tuesday, actor: "test")
            let generation = try store.generation()
            let wallboard = try location.open(readOnly: true)
            #expect(throws: (any Error).self) { _ = try wallboard.insert(Fixtures.leads(1, from: 10), quarantine: [], at: Fixtures.tuesday, actor: "wall") }
            #expect(throws: (any Error).self) {
                _ = try wallboard.apply(.annotate("no"), to: "L-0000001", basedOn: nil, actor: "wall", at: Fixtures.tuesday, rulebookVersion: nil)
            }
            #expect(throws: (any Error).self) { try wallboard.setAbsence(OwnerAbsence(owner: "ana", from: "2026-12-01", until: "2026-12-02"), by: "wall", at: Fixtures.tuesday) }
            #expect(try wallboard.counts().byState[.received] == 3, "it still reads")
            #expect(try store.generation() == generation)
        }
    }

    @Test("quarantined records come back byte for byte, NULs in the line, header and reason included", arguments: Engine.available)
    func quarantineKeepsEveryByte(_ engine: Engine) async throws {
        try await onThread {
            let (store, _) = try engine.fresh()
            let records = [
                QuarantinedRecord(file: "leads.csv", line: 2, column: 7, field: "company", reason: "a NUL in the value", raw: "a@b.c,N\u{0}L Ltd"),
                QuarantinedRecord(file: "leads.csv", line: 3, field: "first\u{0}name", reason: "'first\u{0}name' is not a column", raw: "x,first\u{0}name"),
                QuarantinedRecord(file: "leads.csv", line: 4, field: nil, reason: "escape \u{1B}[31m and \u{202E}right-to-left", raw: "\u{1B}[31mred,\u{7F}"),
            ]
            let summary = try store.insert([], quarantine: records, at: Fixtures.tuesday, actor: "import")
            #expect(summary.quarantined == 3)
            #expect(try store.quarantined(limit: 10) == records)
        }
    }
}
