import Foundation

/// What a follower asked for: where it is in the log (`after`, or `Last-Event-ID` on a stream), how
/// many entries at most, and how long a poll may hold. Every refusal names the field and what to send.
struct FeedQuery: Sendable, Equatable {
    /// The seq of the last entry the follower has; nil on a stream means "from the newest on".
    var after: Int64?
    var limit: Int
    var wait: Duration

    static let defaultLimit = 100
    static let maxLimit = 1_000
    static let defaultWait: Duration = .seconds(30)
    static let maxWait: Duration = .seconds(60)

    struct Problem: Error, Sendable, Equatable {
        var code: String
        var field: String
        var message: String
    }

    /// `GET /v1/events?after=SEQ&limit=N&wait=SECONDS`: `after` defaults to 0 (the start of the log).
    static func poll(after: String?, limit: String?, wait: String?) throws(Problem) -> FeedQuery {
        FeedQuery(after: try seq(after, field: "after") ?? 0, limit: try self.limit(limit), wait: try self.wait(wait))
    }

    /// `GET /v1/events/stream[?after=SEQ]`, resumed by `Last-Event-ID` (which wins: it is where the
    /// stream broke). Neither: entries written from now on.
    static func stream(after: String?, lastEventID: String?) throws(Problem) -> FeedQuery {
        let resumed = try seq(lastEventID, field: "Last-Event-ID")
        let start = try seq(after, field: "after")
        return FeedQuery(after: resumed ?? start, limit: 500, wait: .zero)
    }

    private static func seq(_ text: String?, field: String) throws(Problem) -> Int64? {
        guard let text else { return nil }
        guard let value = Int64(text.trimmingCharacters(in: .whitespaces)), value >= 0 else {
            throw Problem(code: field == "after" ? "bad_after" : "bad_last_event_id", field: field,
                          message: "\(field) takes the seq of the last entry read (a whole number, 0 for the start of the log), not '\(text.prefix(40))'")
        }
        return value
    }

    private static func limit(_ text: String?) throws(Problem) -> Int {
        guard let text else { return defaultLimit }
        guard let value = Int(text), (1...maxLimit).contains(value) else {
            throw Problem(code: "bad_limit", field: "limit", message: "limit takes 1 to \(maxLimit) entries, not '\(text.prefix(40))'")
        }
        return value
    }

    private static func wait(_ text: String?) throws(Problem) -> Duration {
        guard let text else { return defaultWait }
        let most = Int(maxWait.components.seconds)
        guard let seconds = Double(text), seconds.isFinite, seconds >= 0, seconds <= Double(most) else {
            throw Problem(code: "bad_wait", field: "wait", message: "wait takes 0 to \(most) seconds, not '\(text.prefix(40))'")
        }
        return .milliseconds(Int64(seconds * 1_000))
    }
}
