import Foundation
import Testing
@testable import HandoffCore

/// The handback's pure parts: which log entries are delivered as what, owners' CRM ids, handback.yaml.
@Suite struct HandbackConfigTests {
    @Test func eachLogKindMapsToOneDeliveryEventOrNone() {
        #expect(HandbackEvent.of(.assigned, to: .assigned) == .assigned)
        #expect(HandbackEvent.of(.approved, to: .assigned) == .assigned)
        #expect(HandbackEvent.of(.reassigned, to: .assigned) == .reassigned)
        #expect(HandbackEvent.of(.rerouted, to: .assigned) == .rerouted)
        #expect(HandbackEvent.of(.flagged, to: .flagged) == .flagged)
        #expect(HandbackEvent.of(.slaBreached, to: .flagged) == .flagged)
        #expect(HandbackEvent.of(.slaBreached, to: .assigned) == nil)
        #expect(HandbackEvent.of(.reopened, to: .flagged) == .flagged)
        #expect(HandbackEvent.of(.accepted, to: .accepted) == .accepted)
        for kind: EventKind in [.received, .checked, .annotated, .reminded, .disqualified, .merged, .retried] {
            for state in LeadState.allCases { #expect(HandbackEvent.of(kind, to: state) == nil, "\(kind)") }
        }
        #expect(HandbackEvent.assigned.type == "lead.assigned")
        #expect(HandbackEvent.allCases.filter(\.givesOwner) == [.assigned, .reassigned, .rerouted])
        #expect(HandbackEvent(word: "lead.flagged") == .flagged && HandbackEvent(word: "rerouted") == .rerouted && HandbackEvent(word: "x") == nil)
    }

    @Test func ownersCarryTheirCRMIdsAndBadOnesAreRefusedWhereWritten() {
        let good = load("""
            version: 1
            name: Test
            owners:
              - {id: ana, crm: {hubspot: "12345678", salesforce: "005Dn000001AbCdIAK"}}
              - {id: ben, crm: {hubspot: 42}}
            pools:
              main: {method: round_robin, members: [ana, ben]}
            fallback: {flag: no_route}
            """)
        #expect(good.errors.isEmpty, "\(good.errors)")
        let owners = good.rulebook?.owners ?? []
        #expect(owners.first?.crm == [.hubspot: "12345678", .salesforce: "005Dn000001AbCdIAK"])
        #expect(owners.last?.crm == [.hubspot: "42"])

        let bad = load("""
            version: 1
            name: Test
            owners:
              - {id: ana, crm: {hubspot: ana-1, salesforce: "0051234"}}
              - {id: ben, crm: {pipedrive: "7"}}
              - {id: eve, crm: "12"}
            pools:
              main: {method: round_robin, members: [ana, ben, eve]}
            fallback: {flag: no_route}
            """)
        #expect(bad.rulebook == nil)
        let lines = bad.errors.map(\.description)
        #expect(lines.contains { $0.hasPrefix("r.yaml:4:30: error: 'ana-1' in crm of owner 'ana': a HubSpot owner id is a number") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("r.yaml:4:49: error: '0051234' in crm of owner 'ana': a Salesforce user id is 15 or 18") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("r.yaml:5:21: error: unknown key 'pipedrive' in crm of owner 'ben'") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("r.yaml:6:20: error: crm of owner 'eve' must be a mapping") }, "\(lines)")
    }

    @Test func leadsFromACRMAreKnownByTheirCRMAttributeAndRecordId() {
        let hubspot = Lead(id: "L-1", externalId: "901", receivedAt: Date(), email: nil, firstName: nil, lastName: nil, company: nil,
                           attributes: ["crm": "HubSpot"])
        #expect(CRM.origin(of: hubspot)?.crm == .hubspot && CRM.origin(of: hubspot)?.record == "901")
        let form = Lead(id: "L-2", externalId: "901", receivedAt: Date(), email: nil, firstName: nil, lastName: nil, company: nil)
        #expect(CRM.origin(of: form) == nil)
        let export = Lead(id: "L-3", externalId: "00Q5e00000AbCdE", receivedAt: Date(), attributes: ["CRM": "Salesforce "])
        #expect(CRM.origin(of: export)?.crm == .salesforce)
        let noRecord = Lead(id: "L-4", receivedAt: Date(), attributes: ["crm": "hubspot"])
        #expect(CRM.origin(of: noRecord) == nil)
    }

    static let complete = """
        webhooks:
          - name: sales-bot
            url: https://hooks.example.com/handoff
            events: [assigned, reassigned, lead.rerouted]
            secret_env: HANDOFF_WEBHOOK_SECRET
            timeout: 2500ms
          - name: audit
            url: http://127.0.0.1:9000/in
            secret_file: audit-secret
        crm:
          hubspot:
            token_env: HANDOFF_HUBSPOT_ACCESS_TOKEN
          salesforce:
            instance_url: https://acme.my.salesforce.com/
            api_version: "61.0"
            token_file: /etc/handoff/salesforce-token
        retry: {attempts: 5, first: 500ms, max: 10m}
        """

    @Test func aCompleteConfigurationReadsAsWritten() throws {
        let config = try HandbackConfigLoader.load(yaml: Self.complete, file: "handback.yaml").get()
        #expect(config.webhooks.map(\.target) == ["webhook:sales-bot", "webhook:audit"])
        #expect(config.webhooks[0].events == [.assigned, .reassigned, .rerouted])
        #expect(config.webhooks[0].timeout == 2.5)
        #expect(config.webhooks[0].secret == .environment("HANDOFF_WEBHOOK_SECRET", .init(line: 5, column: 17)))
        #expect(config.webhooks[1].events == Set(HandbackEvent.allCases) && config.webhooks[1].timeout == 10)
        #expect(config.webhooks[1].secret == .file("audit-secret", .init(line: 9, column: 18)))
        #expect(config.crm(.hubspot)?.baseURL == "https://api.hubapi.com")
        #expect(config.crm(.salesforce)?.baseURL == "https://acme.my.salesforce.com")
        #expect(config.crm(.salesforce)?.apiVersion == "61.0")
        #expect(config.retry == HandbackConfig.Retry(attempts: 5, first: 0.5, max: 600))
        #expect(config.targets == ["webhook:sales-bot", "webhook:audit", "hubspot", "salesforce"])
        #expect(try HandbackConfigLoader.load(yaml: "", file: "h.yaml").get().targets.isEmpty)
    }

    /// The complete example in docs/SERVE.md reads without a problem.
    @Test func theDocumentedExampleReads() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/SERVE.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let start = try #require(text.range(of: "A complete `handback.yaml`:\n\n```yaml\n"))
        let end = try #require(text.range(of: "\n```", range: start.upperBound..<text.endIndex))
        let config = try HandbackConfigLoader.load(yaml: String(text[start.upperBound..<end.lowerBound]), file: "handback.yaml").get()
        #expect(config.targets == ["webhook:sales-bot", "webhook:audit", "hubspot", "salesforce"])
        #expect(config.retry == .standard)
    }

    @Test func badConfigurationIsRefusedWithItsPlaceAndWhatToDo() {
        let yaml = """
            webhooks:
              - name: bot
                url: ftp://hooks.example.com
                events: [assigned, paid]
                secret_env: HANDOFF_SECRET
                secret_file: secret
              - name: bot
                url: https://x.example
              - {url: "https://y.example", secret_env: S}
            crm:
              salesforce: {token_env: T, api_version: 62}
              zoho: {}
            retry: {attempts: 0, first: soon}
            hooks: []
            """
        guard case .failure(let problems) = HandbackConfigLoader.load(yaml: yaml, file: "handback.yaml") else {
            Issue.record("accepted")
            return
        }
        let lines = problems.diagnostics.map(\.description)
        let expected = [
            "handback.yaml:3:10: error: webhook 'bot' url 'ftp://hooks.example.com' is not an http or https URL",
            "handback.yaml:4:24: error: unknown event 'paid' in webhook 'bot' events",
            "handback.yaml:6:18: error: webhook 'bot' has both secret_env and secret_file; keep one",
            "handback.yaml:7:5: error: webhook 'bot' needs its secret: secret_env: HANDOFF_WEBHOOK_SECRET or secret_file",
            "handback.yaml:9:5: error: a webhook needs 'name'",
            "handback.yaml:11:15: error: crm salesforce needs 'instance_url'",
            "handback.yaml:11:43: error: crm salesforce api_version '62' is not a version such as \"62.0\"",
            "handback.yaml:12:3: error: unknown key 'zoho' in crm",
            "handback.yaml:13:19: error: retry attempts must be a whole number from 1 to 100",
            "handback.yaml:13:29: error: bad duration 'soon' for retry first",
            "handback.yaml:14:1: error: unknown key 'hooks' in handback.yaml",
        ]
        for prefix in expected {
            #expect(lines.contains { $0.hasPrefix(prefix) }, "\(prefix)\n\(lines.joined(separator: "\n"))")
        }
    }

    @Test func durationsReadInMillisecondsSecondsMinutesAndHours() {
        #expect(HandbackConfigLoader.seconds("250ms") == 0.25)
        #expect(HandbackConfigLoader.seconds("2s") == 2 && HandbackConfigLoader.seconds("5m") == 300 && HandbackConfigLoader.seconds("1h") == 3_600)
        #expect(HandbackConfigLoader.seconds("3") == 3)
        #expect(HandbackConfigLoader.seconds("-1s") == nil && HandbackConfigLoader.seconds("ms") == nil && HandbackConfigLoader.seconds("1d") == nil)
    }
}
