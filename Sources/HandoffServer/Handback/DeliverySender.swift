import AsyncHTTPClient
import Foundation
import HandoffCore
import HandoffStore
import NIOCore

/// Sends one delivery and says what its answer means (AttemptPolicy). Runs in the Swift concurrency pool
/// and never touches the store: the deliverer's thread records what it returns.
struct DeliverySender: Sendable {
    let client: HTTPClient
    let handback: Handback
    let now: @Sendable () -> Date

    /// Builds the request, sends it, and reads the answer; `unit` is the jitter for a retry's wait.
    func send(_ delivery: StoredDelivery, unit: Double) async -> DeliveryAttempt {
        let started = now()
        let clock = ContinuousClock.now
        let config = handback.config
        let hook = config.webhooks.first { $0.target == delivery.target }
        let crm = config.crms.first { $0.target == delivery.target }
        let timeout = hook?.timeout ?? crm?.timeout ?? HandbackConfig.defaultTimeout
        let answer: AttemptPolicy.Answer
        if let request = request(delivery, hook: hook, crm: crm, at: started) {
            answer = await Self.exchange(client, request, timeout: timeout, now: now)
        } else {
            answer = .failed("\(delivery.target) is no longer in \(handback.file)")
        }
        let outcome = AttemptPolicy.next(
            answer, target: delivery.target, crm: crm?.crm, fix: handback.fixes[delivery.target] ?? handback.file,
            roundAttempts: delivery.roundAttempts, retry: config.retry, now: now(), unit: unit)
        let took = (ContinuousClock.now - clock).components
        return DeliveryAttempt(delivery: delivery.id, at: started, code: outcome.code, error: outcome.error,
                               seconds: Double(took.seconds) + Double(took.attoseconds) / 1e18, next: outcome.next)
    }

    private func request(_ delivery: StoredDelivery, hook: HandbackConfig.Webhook?, crm: HandbackConfig.CRMEndpoint?, at: Date) -> HTTPClientRequest? {
        let body = Array(delivery.body.utf8)
        var request: HTTPClientRequest
        if let hook, let secret = handback.secrets[hook.target] {
            request = HTTPClientRequest(url: hook.url)
            request.method = .POST
            request.headers.add(name: WebhookSignature.header, value: WebhookSignature.value(secret: secret, timestamp: Int(at.timeIntervalSince1970), body: body))
            request.headers.add(name: "Handoff-Event", value: delivery.event)
            request.headers.add(name: "Handoff-Delivery", value: String(delivery.id))
        } else if let crm, let token = handback.secrets[crm.target], let path = delivery.path {
            let base = crm.baseURL.hasSuffix("/") ? String(crm.baseURL.dropLast()) : crm.baseURL
            request = HTTPClientRequest(url: base + path)
            request.method = .PATCH
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
            request.headers.add(name: "Accept", value: "application/json")
        } else {
            return nil
        }
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "handoff")
        request.body = .bytes(ByteBuffer(bytes: body))
        return request
    }

    private static func exchange(_ client: HTTPClient, _ request: HTTPClientRequest, timeout: Double, now: @Sendable () -> Date) async -> AttemptPolicy.Answer {
        do {
            let response = try await client.execute(request, timeout: .milliseconds(Int64(timeout * 1_000)))
            let bytes = (try? await response.body.collect(upTo: 64 * 1_024)).map { Array($0.readableBytesView) } ?? []
            let status = Int(response.status.code)
            let retryAfter = AttemptPolicy.retryAfter(response.headers.first(name: "Retry-After"), now: now())
            return .status(status, retryAfter: retryAfter, body: (200..<300).contains(status) ? "" : AttemptPolicy.excerpt(bytes))
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
            return .timedOut(timeout)
        } catch {
            return .failed("no answer from \(request.url): \(error)")
        }
    }
}
