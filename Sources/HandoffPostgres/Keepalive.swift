/// TCP keepalive for every connection to PostgreSQL, set on both ends: on this side's socket, so a
/// session notices a server (or a network) that vanished without closing the connection; and on the
/// server's socket for the session (the `tcp_keepalives_*` and `tcp_user_timeout` settings, sent at
/// connection start), so the server notices a client machine that vanished, ends its session and
/// releases what it held, the routing lease among them.
///
/// An idle connection whose peer vanished is given up `idle + interval * count` seconds after its last
/// traffic (`bound`); one with data unacknowledged for `userTimeout` seconds is given up then.
public struct Keepalive: Sendable, Hashable {
    /// Seconds of silence before the first probe.
    public var idle: Int
    /// Seconds between probes.
    public var interval: Int
    /// Unanswered probes after which the connection is dropped.
    public var count: Int
    /// Seconds sent data may stay unacknowledged before the connection is dropped.
    public var userTimeout: Int

    public init(idle: Int, interval: Int, count: Int, userTimeout: Int) {
        self.idle = idle
        self.interval = interval
        self.count = count
        self.userTimeout = userTimeout
    }

    /// 5 s of silence, then a probe every 2 s, dropped after 3 unanswered: a vanished peer is noticed
    /// within 11 s, and an unacknowledged write within 11 s too.
    public static let standard = Keepalive(idle: 5, interval: 2, count: 3, userTimeout: 11)

    /// The longest a vanished peer goes unnoticed, in seconds.
    public var bound: Int { max(idle + interval * count, userTimeout) }

    /// The server's settings for the session, as connection start-up parameters.
    var serverParameters: [(String, String)] {
        [
            ("tcp_keepalives_idle", String(idle)),
            ("tcp_keepalives_interval", String(interval)),
            ("tcp_keepalives_count", String(count)),
            ("tcp_user_timeout", String(userTimeout * 1000)),
        ]
    }
}
