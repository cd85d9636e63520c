import Foundation
import HTTPTypes
import Hummingbird
import ServiceLifecycle

/// The log for programs: `GET /v1/events` (a long poll) and `GET /v1/events/stream` (Server-Sent
/// Events). Entries are the lines `handoff log --json` prints, from the one shared watcher.
struct EventsEndpoint: Sendable {
    let feed: EventFeed
    /// How often an idle stream sends a comment, so proxies and clients keep it open.
    let heartbeat: Duration

    static let lastEventID = HTTPField.Name("Last-Event-ID")!
    static let accelBuffering = HTTPField.Name("X-Accel-Buffering")!

    /// `GET /v1/events?after=SEQ&limit=N&wait=SECONDS`: entries after SEQ at once when there are some,
    /// else the first written within the wait (an empty list when it ends first). `next` is the `after`
    /// to send next time.
    func poll(_ request: Request) async -> Response {
        let parameters = request.uri.queryParameters
        let query: FeedQuery
        do {
            query = try FeedQuery.poll(after: parameters.get("after"), limit: parameters.get("limit"), wait: parameters.get("wait"))
        } catch {
            return JSONAnswer.error(.badRequest, code: error.code, error.message, field: error.field)
        }
        let after = query.after ?? 0
        let page = await withGracefulShutdownHandler {
            await feed.page(after: after, limit: query.limit, wait: query.wait)
        } onGracefulShutdown: { [feed] in
            feed.stop()
        }
        if let failure = page.failure { return Self.storeFailed(failure) }
        let next = page.entries.last?.seq ?? after
        // The entries are already JSON (the shared encoder's lines): joined, not encoded again.
        let body = "{\"events\":[" + page.entries.map(\.json).joined(separator: ",") + "],\"latest\":\(page.latest),\"next\":\(next)}\n"
        return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    /// `GET /v1/events/stream`: every entry after `Last-Event-ID` (a reconnect), else after `?after=`,
    /// else from now on, as `id: SEQ` / `data: JSON` events; a comment every `heartbeat` while idle; the
    /// stream ends cleanly when the server stops.
    func stream(_ request: Request) async -> Response {
        let parameters = request.uri.queryParameters
        let query: FeedQuery
        do {
            query = try FeedQuery.stream(after: parameters.get("after"), lastEventID: request.headers[Self.lastEventID])
        } catch {
            return JSONAnswer.error(.badRequest, code: error.code, error.message, field: error.field)
        }
        var start = query.after
        if start == nil {
            let now = await feed.page(after: 0, limit: 0, wait: .zero)
            if let failure = now.failure { return Self.storeFailed(failure) }
            start = now.latest
        }
        let from = start ?? 0
        let headers: HTTPFields = [
            .contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-cache", Self.accelBuffering: "no",
        ]
        let body = ResponseBody { [feed, heartbeat, limit = query.limit] writer in
            try await withGracefulShutdownHandler {
                var cursor = from
                try await writer.write(ByteBuffer(string: EventStreamText.opening(after: cursor)))
                while true {
                    let page = await feed.page(after: cursor, limit: limit, wait: heartbeat)
                    if page.stopping { break }
                    if let failure = page.failure {
                        try await writer.write(ByteBuffer(string: EventStreamText.comment("the log could not be read (\(failure)); reconnect to resume")))
                        break
                    }
                    guard let last = page.entries.last else {
                        try await writer.write(ByteBuffer(string: EventStreamText.heartbeat))
                        continue
                    }
                    try await writer.write(ByteBuffer(string: EventStreamText.events(page.entries)))
                    cursor = last.seq
                }
                try await writer.finish(nil)
            } onGracefulShutdown: {
                feed.stop()
            }
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    private static func storeFailed(_ failure: String) -> Response {
        JSONAnswer.error(.serviceUnavailable, code: "store_failed", "the log could not be read: \(failure); try again",
                         headers: [.retryAfter: "1"])
    }
}

/// The text of an event stream (the WHATWG Server-Sent Events format).
enum EventStreamText {
    /// A client that loses the stream tries again after two seconds, sending the last id it had.
    static func opening(after seq: Int64) -> String { "retry: 2000\n" + comment("the handoff log after entry \(seq)") }

    static let heartbeat = ": heartbeat\n\n"

    /// One event per entry: its seq as the id, its JSON line as the data.
    static func events(_ entries: [FeedEntry]) -> String {
        var text = ""
        for entry in entries { text += "id: \(entry.seq)\ndata: \(entry.json)\n\n" }
        return text
    }

    /// A comment line; line breaks in it would end it early, so they become spaces.
    static func comment(_ text: String) -> String {
        ": " + text.map { $0 == "\n" || $0 == "\r" ? " " : String($0) }.joined() + "\n\n"
    }
}
