import Foundation
import HandoffCore
import HandoffStore

/// What one attempt's answer means for a delivery: delivered, tried again later, or dead-lettered.
/// Pure: the answer, the target, the attempts so far and a jitter number in; the outcome out.
enum AttemptPolicy {
    /// How an attempt ended.
    enum Answer: Sendable, Equatable {
        /// An HTTP answer: its status, `Retry-After` in seconds when given, the start of its body.
        case status(Int, retryAfter: Double?, body: String)
        /// No answer within the target's timeout.
        case timedOut(Double)
        /// No answer at all (refused connection, DNS, TLS): what went wrong.
        case failed(String)
    }

    /// The longest `Retry-After` honoured: past it the server is asking for more patience than a lead has.
    static let longestRetryAfter = 3_600.0

    static func next(
        _ answer: Answer, target: String, crm: CRM?, fix: String, roundAttempts: Int, retry: HandbackConfig.Retry, now: Date, unit: Double
    ) -> (next: DeliveryAttempt.Next, code: Int?, error: String?) {
        let attempt = roundAttempts + 1
        var wait = Backoff.delay(afterAttempt: attempt, retry, unit: unit)
        let code: Int?
        let error: String
        switch answer {
        case .status(let status, let retryAfter, let body):
            code = status
            if (200..<300).contains(status) { return (.delivered, status, nil) }
            let said = body.isEmpty ? "" : ": \(body)"
            switch status {
            case 429:
                if let retryAfter { wait = max(wait, min(retryAfter, longestRetryAfter)) }
                error = "429 Too Many Requests" + (retryAfter.map { " (Retry-After \(Int($0)) s)" } ?? "") + said
            case 408, 425, 500...599:
                error = "\(status) from \(name(target, crm))\(said)"
            case 401, 403:
                let who = crm.map { "\($0.title) refused the token" } ?? "the endpoint refused the request"
                let what = crm == nil ? "check that it verifies signatures with the secret of \(fix)"
                    : "Handoff cannot refresh a token: put a valid one in \(fix), then `handoff deliveries --retry-all`"
                return (.dead, status, "\(who) (\(status))\(said); \(what)")
            case 404 where crm != nil:
                return (.dead, status, "\(crm!.title) has no such record (404)\(said); the lead's externalId names none")
            default:
                // The target said the request itself is wrong: the same bytes would be refused again.
                return (.dead, status, "\(status) from \(name(target, crm))\(said); refused for good, not tried again")
            }
        case .timedOut(let seconds):
            code = nil
            error = "no answer within \(seconds.formatted(.number.precision(.fractionLength(0...3)))) s"
        case .failed(let why):
            code = nil
            error = why
        }
        if attempt >= retry.attempts {
            return (.dead, code, "gave up after \(attempt) attempt\(attempt == 1 ? "" : "s"): \(error)")
        }
        return (.retry(at: now.addingTimeInterval(wait)), code, error)
    }

    private static func name(_ target: String, _ crm: CRM?) -> String { crm?.title ?? target }

    /// `Retry-After` as seconds: a number of seconds, or an HTTP date.
    static func retryAfter(_ header: String?, now: Date) -> Double? {
        guard let header = header?.trimmingCharacters(in: .whitespaces), !header.isEmpty else { return nil }
        if let seconds = Double(header), seconds.isFinite, seconds >= 0 { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: header) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }

    /// The start of an answer's body as one line of printable text, for the delivery log.
    static func excerpt(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes.prefix(300), as: UTF8.self)
        let line = String(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) })
        return line.trimmingCharacters(in: .whitespaces)
    }
}
