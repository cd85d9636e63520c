import Foundation

/// The right to make a workspace's routing decisions. One routing core decides at a time: routing
/// reads and writes the pools' turns, the fairness ledger and the duplicate window, and two cores
/// deciding side by side would each see the other's decisions only after the fact. Workers that do
/// not hold the lease stand by and take it when its holder ends, however it ends.
public protocol CoreLease: AnyObject, Sendable {
    /// Takes the lease when it is free, naming this process as its holder; true when held (also when
    /// already held by this lease). Never waits.
    func tryTake() throws -> Bool
    /// Who holds the lease, as its holder wrote it ("pid 4242 on build-1 since 2026-12-04T15:02:11Z"),
    /// when anyone does.
    func holder() -> String?
    /// Gives the lease up (also done by the engine when the process ends, however it ends).
    func release()
}

/// What a lease's holder says about itself, the same on every engine.
public enum StoreLeaseText {
    /// How a process names itself as a lease's holder: handoff and its command ("handoff serve").
    package static var processName: String {
        ProcessInfo.processInfo.arguments.dropFirst().first.map { "handoff \($0)" } ?? "handoff"
    }

    public static func holder(name: String, at now: Date = Date()) -> String {
        "\(name), pid \(ProcessInfo.processInfo.processIdentifier) on \(ProcessInfo.processInfo.hostName) since \(now.formatted(.iso8601))"
    }
}
