import Foundation
import HandoffPostgres
import HandoffStore
import Synchronization
import Testing

@Suite(.enabled(if: TestServer.runs, TestServer.skipReason))
struct PostgresPlaceTests {
    @Test func theLocationNeverShowsThePasswordAndAServerHasNoFileDamageNoteOrUpkeep() async throws {
        let location = try await TestServer.freshDatabase()
        try await onThread {
            let store = try PostgresStore(location: location, creating: true)
            defer { store.close() }
            #expect(store.location == location.description)
            #expect(store.location.contains("/\(location.database)"))
            if let password = location.password {
                #expect(store.location.hasPrefix("postgres://\(location.user):***@\(location.host)"))
                #expect(!store.location.contains(password.revealed))
            }
            var written = location
            written.password = Secret("s3cret-Pa55")
            #expect(written.description.contains(":***@") && !written.description.contains("s3cret"))
            #expect(!store.location.contains("s3cret"))
            #expect(store.file == nil)
            #expect(store.knownDamage == nil)
            #expect(store.startUpkeep(log: { _ in }) == nil)
        }
        try await TestServer.drop(location)
    }

    @Test func aWatcherOfTheLogHearsOfEntriesAppendedByAnotherProcess() async throws {
        let location = try await TestServer.freshDatabase()
        try await onThread { () throws -> Void in
            let store = try PostgresStore(location: location, creating: true)
            defer { store.close() }
            let heard = Mutex(0)
            let watcher = try #require(store.watchLog { heard.withLock { $0 += 1 } })
            defer { watcher.stop() }
            // Quiet first: what the watcher tells before the append is not the append.
            _ = seconds(within: 0.5) { false }
            let before = heard.withLock { $0 }
            let other = try PostgresSession.open(location)
            defer { other.close() }
            try other.transaction { tx in
                try tx.execute(sql: EngineTwin.postgres(EngineTwin.lead(1, state: "received", version: 1)))
                try tx.execute(sql: EngineTwin.entry(1, lead: 1, "received", version: 1, to: "received")
                    .replacingOccurrences(of: "{hash}", with: "'\\x\(String(repeating: "00", count: 32))'::bytea"))
            }
            #expect(seconds(within: 5) { heard.withLock { $0 } > before } != nil)
        }
        try await TestServer.drop(location)
    }

    /// The id of the server process holding the routing lease's lock, if any.
    static func holderPID(_ session: PostgresSession) throws -> Int32? {
        try session.value("""
            SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 2 AND objid::bigint = \(Int64(AdvisoryKeys.routing)) AND granted
                AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """, as: Int32.self)
    }

    @Test func theCoreLeaseIsHeldByOneStoreAtATimeNamedAndFreedOnReleaseAndWhenItsConnectionEnds() async throws {
        let location = try await TestServer.freshDatabase()
        try await onThread {
            let one = try PostgresStore(location: location, creating: true), two = try PostgresStore(location: location)
            defer { one.close(); two.close() }
            let first = try one.coreLease(), second = try two.coreLease()
            #expect(first.holder() == nil)
            #expect(try first.tryTake())
            #expect(try first.tryTake(), "taken again by its holder")
            #expect(try !second.tryTake())
            let name = "\(ProcessInfo.processInfo.arguments.dropFirst().first.map { "handoff \($0)" } ?? "handoff"), pid \(getpid()) on \(ProcessInfo.processInfo.hostName) since "
            let named = try #require(second.holder())
            #expect(named.hasPrefix(name), "named \(named)")
            #expect(first.holder() == named)

            first.release()
            #expect(first.holder() == nil)
            #expect(try second.tryTake())
            #expect(try !first.tryTake())
            // A fencing epoch a write can be checked against, counted up at each take.
            let epochs = try PostgresSession.open(location)
            defer { epochs.close() }
            #expect(try epochs.value("SELECT epoch FROM routing_lease", as: Int64.self) == 2)

            // The holder's connection ends (its process died, or the server gave up on it): the lock goes with it.
            let admin = try PostgresSession.open(location)
            defer { admin.close() }
            let pid = try #require(try Self.holderPID(admin))
            try admin.execute("SELECT pg_terminate_backend(\(pid))")
            #expect(try seconds(within: 10) { try first.tryTake() } != nil)
            // The old holder learns it within a heartbeat: its session is gone and the lease taken.
            #expect(try seconds(within: 5) { try !second.tryTake() } != nil)
            #expect(second.holder()?.hasPrefix(name) == true)
            second.release()
            #expect(try first.tryTake())
            first.release()
            #expect(second.holder() == nil)
        }
        try await TestServer.drop(location)
    }

    @Test func aCoreLeaseThatCannotReachItsDatabaseIsNotHeld() async throws {
        var nowhere = try TestServer.location()
        nowhere.port = 1
        nowhere.connectTimeout = 2
        try await onThread { [nowhere] () throws -> Void in
            let lease = PostgresCoreLease(location: nowhere)
            // Not thrown: a routing core asking would route on an error, and must decide nothing instead.
            #expect(try !lease.tryTake())
            #expect(lease.holder() == nil)
            #expect(lease.epoch == nil)
        }
    }

    @Test func aRoutingLeaseStandsByWhileACoreLeaseHoldsIt() async throws {
        let location = try await TestServer.freshDatabase()
        let store = try await onThread { try PostgresStore(location: location, creating: true) }
        let lease = try await onThread { () -> any CoreLease in
            let lease = try store.coreLease()
            #expect(try lease.tryTake())
            return lease
        }
        let routing = RoutingLease(location: location, holder: "core-b")
        routing.start()
        #expect(await eventually(within: 30) { if case .standingBy(let holder) = routing.standing { holder?.contains("pid \(getpid())") == true } else { false } } != nil)
        try await onThread { lease.release() }
        #expect(await eventually(within: 5) { if case .holding = routing.standing { true } else { false } } != nil)
        try await onThread { () throws -> Void in
            #expect(try !lease.tryTake())
            #expect(lease.holder() == "core-b")
            routing.stop()
            store.close()
        }
        try await TestServer.drop(location)
    }
}
