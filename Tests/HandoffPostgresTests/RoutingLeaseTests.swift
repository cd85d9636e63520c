import Foundation
import HandoffPostgres
import Testing

@Suite(.enabled(if: TestServer.runs, TestServer.skipReason))
struct RoutingLeaseTests {
    static func workspace() async throws -> PostgresLocation {
        let location = try await TestServer.freshDatabase()
        try await onThread {
            let session = try PostgresSession.open(location)
            defer { session.close() }
            try PostgresMigrator.create(in: session)
        }
        return location
    }

    @Test func oneHoldsTheOtherStandsByAndTakesOverWhenItStops() async throws {
        let location = try await Self.workspace()
        let first = RoutingLease(location: location, holder: "core-a"), second = RoutingLease(location: location, holder: "core-b")
        first.start()
        // Setting up may be slow on a busy machine; only the takeovers are held to the 5 s bound.
        #expect(await eventually(within: 30) { if case .holding = first.standing { true } else { false } } != nil)
        second.start()
        #expect(await eventually(within: 30) { second.standing == .standingBy(holder: "core-a") } != nil)
        guard case .holding(let firstEpoch) = first.standing else { throw CancellationError() }
        try await onThread { first.stop() }
        #expect(first.standing == .idle)
        let takeover = await eventually(within: 5) { second.standing == .holding(epoch: firstEpoch + 1) }
        #expect(takeover != nil)
        try await onThread { second.stop() }
        try await TestServer.drop(location)
    }

    @Test func aHolderWhoseSessionEndsIsReplacedAndItsWritesAreFenced() async throws {
        let location = try await Self.workspace()
        let first = RoutingLease(location: location, holder: "core-a"), second = RoutingLease(location: location, holder: "core-b")
        first.start()
        // Setting up may be slow on a busy machine; only the takeovers are held to the 5 s bound.
        #expect(await eventually(within: 30) { if case .holding = first.standing { true } else { false } } != nil)
        second.start()
        #expect(await eventually(within: 30) { second.standing == .standingBy(holder: "core-a") } != nil)
        guard case .holding(let oldEpoch) = first.standing else { throw CancellationError() }
        // The server ends the holder's session, as it does when the holder's process dies or keepalive gives up on it.
        let takeover = try await onThread {
            let admin = try PostgresSession.open(location)
            defer { admin.close() }
            let holderPID = try #require(try admin.value("""
                SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objid = \(Int64(AdvisoryKeys.routing)) AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                """, as: Int32.self))
            try admin.execute("SELECT pg_terminate_backend(\(holderPID))")
            return seconds(within: 5) { if case .holding = second.standing { true } else { false } }
        }
        #expect(takeover != nil)
        guard case .holding(let newEpoch) = second.standing else { throw CancellationError() }
        #expect(newEpoch > oldEpoch)
        // The old holder learns it lost the lease; a write on its behalf is refused, one on the new holder's goes through.
        #expect(await eventually(within: 30) { if case .holding = first.standing { false } else { true } } != nil)
        try await onThread {
            let session = try PostgresSession.open(location)
            defer { session.close() }
            #expect {
                try session.transaction { tx in try RoutingLease.confirm(epoch: oldEpoch, in: tx) }
            } throws: { error in
                "\(error)".contains("held by core-b") && "\(error)".contains("this write is refused")
            }
            try session.transaction { tx in try RoutingLease.confirm(epoch: newEpoch, in: tx) }
        }
        try await onThread {
            first.stop()
            second.stop()
        }
        try await TestServer.drop(location)
    }

    /// A holder in another process, killed with SIGKILL: its connection drops, PostgreSQL frees the lock, and
    /// the standby here holds the lease within 5 s.
    @Test func aStandbyTakesOverWithinFiveSecondsOfTheHolderBeingKilled() async throws {
        let location = try await Self.workspace()
        let database = location.database
        let child = Task {
            _ = await #expect(processExitsWith: .signal(SIGKILL)) { [database = database as String] in
                var location = try TestServer.location()
                location.database = database
                let lease = RoutingLease(location: location, holder: "pid \(getpid())")
                lease.start()
                while true { try await Task.sleep(for: .seconds(1)) }
            }
        }
        // The child holds the lease once its name is on it and the lock is taken.
        let childPID = try await onThread { () -> Int32? in
            let session = try PostgresSession.open(location)
            defer { session.close() }
            var pid: Int32?
            _ = try seconds(within: 20) {
                let holder = try session.value("""
                    SELECT l.holder FROM routing_lease l
                    WHERE EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = \(Int64(AdvisoryKeys.routing)) AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database()))
                    """, as: String?.self) ?? nil
                pid = holder.flatMap { Int32($0.dropFirst("pid ".count)) }
                return pid != nil
            }
            return pid
        }
        let pid = try #require(childPID)
        let standby = RoutingLease(location: location, holder: "standby")
        standby.start()
        #expect(await eventually(within: 30) { standby.standing == .standingBy(holder: "pid \(pid)") } != nil)
        kill(pid, SIGKILL)
        let takeover = await eventually(within: 5) { if case .holding = standby.standing { true } else { false } }
        #expect(takeover != nil, "the standby did not take the lease within 5 s of the holder's SIGKILL")
        print("routing lease: standby held it \(String(format: "%.3f", takeover ?? -1)) s after the holder's SIGKILL")
        await child.value
        try await onThread { standby.stop() }
        try await TestServer.drop(location)
    }
}
