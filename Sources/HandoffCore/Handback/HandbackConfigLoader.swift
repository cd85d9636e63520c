import Foundation
import Yams

/// Reads `handback.yaml`: every problem at once, each with its line and column and what to write instead.
public enum HandbackConfigLoader {
    /// Pure: text in, the configuration or the problems out. `file` is the name used in messages.
    public static func load(yaml: String, file: String) -> Result<HandbackConfig, HandbackConfigProblems> {
        var duplicates = DuplicateKeys()
        let root: Node
        do {
            guard let node = try duplicates.compose(yaml) else { return .success(HandbackConfig()) }
            if let over = YAMLBudget.check(node) {
                return .failure(HandbackConfigProblems([Diagnostic(severity: .error, file: file, line: over.line, column: over.column, message: over.message)]))
            }
            root = node
        } catch let error as YamlError {
            let (message, spot) = RulebookLoader.describe(error, yaml)
            return .failure(HandbackConfigProblems([Diagnostic(severity: .error, file: file, line: spot.line, column: spot.column, message: message)]))
        } catch {
            return .failure(HandbackConfigProblems([Diagnostic(severity: .error, file: file, line: 1, column: 1, message: "cannot read the file as YAML: \(error)")]))
        }
        var reader = RulebookReader(file: file, duplicates: duplicates)
        let config = reader.readHandback(root)
        reader.reportUnreachedDuplicates()
        let errors = reader.log.sorted.filter { $0.severity == .error }
        return errors.isEmpty ? .success(config) : .failure(HandbackConfigProblems(errors))
    }

    /// `250ms`, `2s`, `5m`, `1h` (or a bare number of seconds) as seconds; nil for anything else.
    public static func seconds(_ text: String) -> Double? {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3_600)]
        for (unit, scale) in units where text.hasSuffix(unit) {
            let number = text.dropLast(unit.count)
            if let n = Double(number), n.isFinite, n >= 0, number.first?.isNumber == true { return n * scale }
        }
        if let n = Double(text), n.isFinite, n >= 0, text.first?.isNumber == true { return n }
        return nil
    }
}

/// Every error found in a handback configuration, in file order.
public struct HandbackConfigProblems: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

extension RulebookReader {
    static let handbackKeys = ["webhooks", "crm", "retry"]
    static let webhookKeys = ["name", "url", "events", "secret_env", "secret_file", "timeout"]
    static let webhookExample = "{name: sales-bot, url: \"https://hooks.example.com/handoff\", secret_env: HANDOFF_WEBHOOK_SECRET}"

    mutating func readHandback(_ root: Node) -> HandbackConfig {
        var config = HandbackConfig()
        guard let f = fields(root, "handback.yaml", allowed: Self.handbackKeys, example: "webhooks: [...], crm: {...}, retry: {...}") else {
            return config
        }
        if let n = f["webhooks"], let items = list(n, "webhooks", example: "[\(Self.webhookExample)]") {
            var names: [String: Int] = [:]
            for item in items {
                guard let hook = readWebhook(item) else { continue }
                if let line = names[hook.name] {
                    log.error("webhook name '\(hook.name)' is used twice (first on line \(line)); give each endpoint its own name",
                              at: Spot(line: hook.place.line, column: hook.place.column))
                    continue
                }
                names[hook.name] = hook.place.line
                config.webhooks.append(hook)
            }
        }
        if let n = f["crm"] { config.crms = readCRMs(n) }
        if let n = f["retry"] { config.retry = readRetry(n) }
        return config
    }

    private func place(_ node: Node) -> HandbackConfig.Place { HandbackConfig.Place(line: node.spot.line, column: node.spot.column) }

    private mutating func readWebhook(_ node: Node) -> HandbackConfig.Webhook? {
        guard let f = fields(node, "a webhook", allowed: Self.webhookKeys, example: Self.webhookExample),
              let nameNode = required(f, "name", "a webhook", example: Self.webhookExample),
              let name = text(nameNode, "webhook name")
        else { return nil }
        var ok = true
        if !name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }) {
            log.error("webhook name '\(name)' may hold only letters, digits, '-', '_' and '.'; e.g. sales-bot", at: nameNode.spot)
            ok = false
        }
        let what = "webhook '\(name)'"
        var url: String?
        if let n = required(f, "url", what, example: Self.webhookExample) { url = httpURL(n, "\(what) url") }
        var events = Set(HandbackEvent.allCases)
        if let n = f["events"], let items = list(n, "\(what) events", example: "[assigned, reassigned]") {
            events = []
            for item in items {
                guard let word = text(item, "an event in \(what) events") else { continue }
                if let event = HandbackEvent(word: word) { events.insert(event) } else {
                    log.error("unknown event '\(word)' in \(what) events" + Suggestion.hint(for: word, in: HandbackEvent.allCases.map(\.rawValue)),
                              at: item.spot)
                    ok = false
                }
            }
            if events.isEmpty && ok {
                log.error("\(what) events is empty; list at least one of \(HandbackEvent.allCases.map(\.rawValue).joined(separator: ", ")) or leave it out for all",
                          at: n.spot)
                ok = false
            }
        }
        let secret = secretSource(f, envKey: "secret_env", fileKey: "secret_file", what: what,
                                  example: "secret_env: HANDOFF_WEBHOOK_SECRET or secret_file: webhook-secret (chmod 600)")
        let timeout = f["timeout"].flatMap { timeoutSeconds($0, "\(what) timeout") } ?? HandbackConfig.defaultTimeout
        guard ok, let url, let secret else { return nil }
        return HandbackConfig.Webhook(name: name, url: url, events: events, secret: secret, timeout: timeout, place: place(node))
    }

    private mutating func readCRMs(_ node: Node) -> [HandbackConfig.CRMEndpoint] {
        let example = "{hubspot: {token_env: HANDOFF_HUBSPOT_ACCESS_TOKEN}, salesforce: {instance_url: \"https://acme.my.salesforce.com\", token_env: HANDOFF_SALESFORCE_TOKEN}}"
        guard let f = fields(node, "crm", allowed: CRM.allCases.map(\.rawValue), example: example) else { return [] }
        var endpoints: [HandbackConfig.CRMEndpoint] = []
        if let n = f["hubspot"], let hubspot = readCRM(n, .hubspot) { endpoints.append(hubspot) }
        if let n = f["salesforce"], let salesforce = readCRM(n, .salesforce) { endpoints.append(salesforce) }
        return endpoints
    }

    private mutating func readCRM(_ node: Node, _ crm: CRM) -> HandbackConfig.CRMEndpoint? {
        let what = "crm \(crm.rawValue)"
        let urlKey = crm == .hubspot ? "base_url" : "instance_url"
        var allowed = [urlKey, "token_env", "token_file", "timeout"]
        if crm == .salesforce { allowed.append("api_version") }
        let example = crm == .hubspot ? "{token_env: HANDOFF_HUBSPOT_ACCESS_TOKEN}"
            : "{instance_url: \"https://acme.my.salesforce.com\", token_env: HANDOFF_SALESFORCE_TOKEN}"
        guard let f = fields(node, what, allowed: allowed, example: example) else { return nil }
        var base: String? = crm == .hubspot ? HandbackConfig.defaultHubSpotBase : nil
        if crm == .salesforce {
            base = required(f, urlKey, what, example: example).flatMap { httpURL($0, "\(what) \(urlKey)") }
        } else if let n = f[urlKey] {
            base = httpURL(n, "\(what) \(urlKey)")
        }
        var version = HandbackConfig.defaultSalesforceVersion
        if let n = f["api_version"], let v = text(n, "\(what) api_version") {
            let parts = v.split(separator: ".", omittingEmptySubsequences: false)
            if parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) { version = v } else {
                log.error("\(what) api_version '\(v)' is not a version such as \"62.0\" (quote it, so YAML keeps the .0)", at: n.spot)
            }
        }
        let env = crm == .hubspot ? "HANDOFF_HUBSPOT_ACCESS_TOKEN" : "HANDOFF_SALESFORCE_TOKEN"
        let token = secretSource(f, envKey: "token_env", fileKey: "token_file", what: what,
                                 example: "token_env: \(env) or token_file: \(crm.rawValue)-token (chmod 600)")
        let timeout = f["timeout"].flatMap { timeoutSeconds($0, "\(what) timeout") } ?? HandbackConfig.defaultTimeout
        guard let base, let token else { return nil }
        return HandbackConfig.CRMEndpoint(crm: crm, baseURL: base, apiVersion: version, token: token, timeout: timeout, place: place(node))
    }

    private mutating func readRetry(_ node: Node) -> HandbackConfig.Retry {
        let example = "{attempts: 8, first: 2s, max: 1h}"
        var retry = HandbackConfig.Retry.standard
        guard let f = fields(node, "retry", allowed: ["attempts", "first", "max"], example: example) else { return retry }
        if let n = f["attempts"], let attempts = positiveInt(n, "retry attempts", atMost: 100) { retry.attempts = attempts }
        if let n = f["first"], let s = timeoutSeconds(n, "retry first") { retry.first = s }
        if let n = f["max"], let s = timeoutSeconds(n, "retry max") { retry.max = s }
        if retry.max < retry.first, let n = f["max"] ?? f["first"] {
            log.error("retry max (\(retry.max) s) is shorter than retry first (\(retry.first) s); the longest wait must be at least the first", at: n.spot)
        }
        return retry
    }

    /// Exactly one of the two keys, naming an environment variable or a file.
    private mutating func secretSource(_ f: Fields, envKey: String, fileKey: String, what: String, example: String) -> HandbackConfig.SecretSource? {
        switch (f[envKey], f[fileKey]) {
        case (let n?, nil):
            guard let name = text(n, "\(what) \(envKey)") else { return nil }
            guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                log.error("\(what) \(envKey) '\(name)' is not an environment variable's name; write e.g. HANDOFF_WEBHOOK_SECRET", at: n.spot)
                return nil
            }
            return .environment(name, place(n))
        case (nil, let n?):
            guard let path = text(n, "\(what) \(fileKey)") else { return nil }
            return .file(path, place(n))
        case (_?, let n?):
            log.error("\(what) has both \(envKey) and \(fileKey); keep one", at: n.spot)
            return nil
        case (nil, nil):
            log.error("\(what) needs its secret: \(example)", at: f.node.spot)
            return nil
        }
    }

    private mutating func httpURL(_ node: Node, _ what: String) -> String? {
        guard let s = text(node, what) else { return nil }
        guard let url = URL(string: s), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http",
              let host = url.host, !host.isEmpty, url.user == nil, url.password == nil
        else {
            log.error("\(what) '\(s)' is not an http or https URL; write e.g. https://hooks.example.com/handoff (credentials go in a secret, not the URL)",
                      at: node.spot)
            return nil
        }
        // A bare host ends without a slash, so paths can be joined onto it.
        return s.hasSuffix("/") && (url.path.isEmpty || url.path == "/") && url.query == nil ? String(s.dropLast()) : s
    }

    private mutating func timeoutSeconds(_ node: Node, _ what: String) -> Double? {
        guard let s = text(node, what) else { return nil }
        guard let seconds = HandbackConfigLoader.seconds(s), seconds > 0, seconds <= 86_400 else {
            log.error("bad duration '\(s)' for \(what); write e.g. 500ms, 10s, 5m or 1h", at: node.spot)
            return nil
        }
        return seconds
    }
}
